package io.smartcloudops.chat.internal.answer;

import io.smartcloudops.api.action.Principal;
import io.smartcloudops.chat.internal.nlu.InputGuard;
import io.smartcloudops.chat.internal.nlu.Intent;
import io.smartcloudops.chat.internal.nlu.IntentPrediction;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Answers about the conversation itself: help, refusals, and clarifying questions. */
public final class GuideAnswers {

    private GuideAnswers() {}

    /**
     * What the caller's role may ask, and only that, with one example per intent built from the
     * running deployment (its hosts, services, probes and the gate's actions), each of which the
     * engine answers as shown. {@code data.examples} maps each example to its intent.
     */
    public static Reply help(Principal who, Targets targets) {
        var known = targets.known();
        String host = known.services().keySet().stream().findFirst().orElse(null);
        Map<Intent, String> examples = new LinkedHashMap<>();
        examples.put(Intent.STATUS, "status");
        examples.put(
                Intent.METRIC_QUERY,
                host == null ? "cpu over the last hour" : "cpu on " + host + " over the last hour");
        examples.put(Intent.ANOMALIES, "any anomalies in the last 24 hours?");
        examples.put(Intent.EXPLAIN_ANOMALY, "explain the latest cpu anomaly");
        examples.put(Intent.ALERTS, "show critical alerts");
        examples.put(Intent.LOGS, "last 50 error lines");
        examples.put(
                Intent.FORECAST,
                host == null ? "forecast disk for the next day" : "when will the disk on " + host + " fill up?");
        examples.put(Intent.AUDIT, "audit trail for the past 3 days");
        examples.put(Intent.PENDING_APPROVALS, "show pending approvals");
        Optional<Map.Entry<String, Set<String>>> withService = known.services().entrySet().stream()
                .filter(e -> !e.getValue().isEmpty())
                .findFirst();
        if (known.offers(ActionAnswers.RESTART) && withService.isPresent()) {
            examples.put(
                    Intent.RESTART_SERVICE,
                    "restart " + withService.get().getValue().iterator().next() + " on "
                            + withService.get().getKey());
        }
        if (known.offers(ActionAnswers.SCALE) && withService.isPresent()) {
            examples.put(
                    Intent.SCALE_UP,
                    "add 2 replicas of "
                            + withService.get().getValue().iterator().next());
        }
        known.probes().keySet().stream().findFirst().ifPresent(k -> {
            if (known.offers(ActionAnswers.HEALTH)) {
                int slash = k.indexOf('/');
                examples.put(
                        Intent.HEALTH_CHECK,
                        slash < 0
                                ? "is " + k + " reachable?"
                                : "is " + k.substring(slash + 1) + " on " + k.substring(0, slash) + " reachable?");
            }
        });
        if (known.offers(ActionAnswers.SILENCE)) {
            examples.put(Intent.SILENCE, "silence HighCpuUsage for 1h");
        }
        List<Intent> allowed = Arrays.stream(Intent.values())
                .filter(i -> i != Intent.HELP
                        && i != Intent.OUT_OF_SCOPE
                        && who.role().atLeast(i.minimumRole()))
                .filter(i -> i == Intent.APPROVE || i == Intent.DENY || examples.containsKey(i))
                .toList();
        StringBuilder sb = new StringBuilder("This deployment: " + targets.describe() + ". As "
                + who.role().name().toLowerCase(Locale.ROOT) + " you can ask for:");
        Map<String, String> shown = new LinkedHashMap<>();
        for (Intent i : allowed) {
            String what = i.description().split(" \\(")[0];
            if (i == Intent.APPROVE || i == Intent.DENY) {
                sb.append("\n- ").append(what).append(": say approve or deny with an id from the pending list");
            } else {
                sb.append("\n- ")
                        .append(what)
                        .append(" (\"")
                        .append(examples.get(i))
                        .append("\")");
                shown.put(examples.get(i), i.label());
            }
        }
        if (allowed.stream().noneMatch(Intent::isAction)) {
            sb.append(
                    "\nYour role is read-only: restarts, scaling, health checks, silences and approvals need an operator.");
        } else {
            sb.append(
                    "\nEvery change is proposed first: I say exactly what would run and send it to the policy gate only when you "
                            + "confirm it with a yes; the gate may then run it dry, wait for an approval, or hold it back.");
        }
        return Reply.of(
                sb.toString(),
                Map.of(
                        "intents",
                        allowed.stream().map(Intent::label).toList(),
                        "role",
                        who.role().name(),
                        "examples",
                        shown));
    }

    /**
     * The answer to a hypothetical, how-to or ability question about an action: what it would do,
     * that it is proposed and confirmed first, what the gate may do, and the exact words to ask for it.
     */
    public static Reply aboutAction(Intent about, Principal who, Targets targets) {
        String how = switch (about) {
            case RESTART_SERVICE ->
                "A restart stops and starts one service unit on its host (systemd or the configured process). "
                        + "Type \"restart <service> on <host>\"";
            case SCALE_UP ->
                "Scaling up adds replicas of a service (\"add 2 replicas of <service>\") or resizes a host "
                        + "(\"resize <host> to m5.xlarge\"); I cannot scale down";
            case SILENCE -> "A silence mutes one alert for a while; type \"silence <AlertName> for 1h\"";
            case HEALTH_CHECK ->
                "A health check probes a service over HTTP or TCP and changes nothing; type \"is <service> on <host> reachable?\"";
            case APPROVE, DENY ->
                "Approving lets a pending action run; denying drops it. Type \"show pending approvals\", then approve or deny "
                        + "with its id";
            default -> "Type \"help\" for what you can ask";
        };
        String gate = about.isMutating() || about == Intent.HEALTH_CHECK
                ? ". I would first tell you exactly what would run and wait for your \"yes\"; then the policy gate decides: in dry-run mode "
                        + "nothing changes, and actions its policy marks for approval wait for an approver. Nothing ran now."
                : ".";
        String role = who.role().atLeast(about.minimumRole())
                ? ""
                : " Your role (" + who.role().name().toLowerCase(Locale.ROOT) + ") may not ask for it; that needs "
                        + about.minimumRole().name().toLowerCase(Locale.ROOT) + ".";
        return Reply.of(
                how + gate + role + " This deployment: " + targets.describe() + ".",
                Map.of("about", about.label(), "acted", false));
    }

    /** A request refused without acting, saying why and what can be done instead. */
    public static Reply refusal(io.smartcloudops.chat.internal.nlu.Interpretation.Refusal why, String dropped) {
        return switch (why) {
            case NOTHING_LEFT ->
                Reply.of(
                        "OK, I won't" + (dropped.isEmpty() ? "" : " (" + dropped.replaceAll("[,;.!\\s]+$", "") + ")")
                                + ". Nothing was done.",
                        Map.of("refused", "negated", "acted", false));
            case UNSUPPORTED ->
                Reply.of(
                        "I can't do that: I can only restart a service, scale one up, run a health check or silence an "
                                + "alert (and approve or deny pending actions). Scaling down, flushing, deleting, stopping or deploying are not "
                                + "something I do.",
                        Map.of("refused", "unsupported", "acted", false));
            case SCHEDULED ->
                Reply.of(
                        "I can't schedule actions for later, and I won't run it now. Ask again when you want it done.",
                        Map.of("refused", "scheduled", "acted", false));
            case DATA_INSTRUCTION ->
                Reply.of(
                        "I don't follow instructions found in logs, alerts or tool output. Tell me yourself what "
                                + "you want done.",
                        Map.of("refused", "instruction_in_data", "acted", false));
            case NONE -> Reply.of("", Map.of());
        };
    }

    public static Reply outOfScope(InputGuard.Verdict verdict, int maxChars) {
        return switch (verdict.rejection()) {
            case TOO_LONG ->
                Reply.of(
                        "That message is too long for me: " + verdict.detail() + ". Please ask a shorter question.",
                        Map.of("rejected", "too_long", "maxChars", maxChars));
            case EMPTY ->
                Reply.of(
                        "I got an empty message. Ask me about status, metrics, alerts, anomalies, logs or actions; "
                                + "\"help\" lists what you can do.",
                        Map.of("rejected", "empty"));
            case INJECTION ->
                Reply.of(
                        "I can't do that. I only answer questions about this deployment and ask for actions "
                                + "through the policy gate; I never run commands or change my instructions.",
                        Map.of("rejected", "injection"));
            case NONE ->
                Reply.of(
                        "That is outside what I can help with. I answer questions about the monitoring and app "
                                + "hosts and their services; \"help\" lists what you can ask.",
                        Map.of());
        };
    }

    public static Reply refused(Intent intent, Principal who) {
        return Reply.of(
                "Your role (" + who.role().name().toLowerCase(Locale.ROOT) + ") may not ask to "
                        + intent.description().split(" \\(")[0] + "; that needs "
                        + intent.minimumRole().name().toLowerCase(Locale.ROOT)
                        + " or more.",
                Map.of("refused", "role", "requiredRole", intent.minimumRole().name()));
    }

    public static Reply clarify(IntentPrediction p) {
        String best = p.intent().description().split(" \\(")[0];
        String second = p.secondBest().description().split(" \\(")[0];
        String question = p.intent() == p.secondBest() || second.isEmpty()
                ? "I'm not sure what you mean. Did you want " + best + "? Please rephrase, or say \"help\"."
                : "I'm not sure what you mean: " + best + ", or " + second + "? Please rephrase, or say \"help\".";
        return Reply.of(
                question,
                Map.of(
                        "clarify",
                        true,
                        "candidates",
                        List.of(p.intent().label(), p.secondBest().label())));
    }
}
