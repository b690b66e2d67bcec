package io.smartcloudops.chat.internal.answer;

import static io.smartcloudops.chat.internal.nlu.SlotExtractor.ALERT;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.HOST;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.HOST_AS_WRITTEN;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.INSTANCE_TYPE;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.REPLICAS;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.SERVICE;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.SERVICE_AS_WRITTEN;

import io.smartcloudops.api.action.ActionGateway;
import io.smartcloudops.api.action.ActionOutcome;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.action.PendingApproval;
import io.smartcloudops.api.action.Principal;
import io.smartcloudops.api.chat.ProposalLedger;
import io.smartcloudops.chat.internal.nlu.Intent;
import io.smartcloudops.chat.internal.nlu.Interpretation;
import io.smartcloudops.chat.internal.nlu.SlotPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Answers to the action intents. The engine never acts by itself: a mutating request (restart,
 * scale, silence, approve) becomes a {@link Proposals.Proposal} that states exactly what would run,
 * and only its confirmation ({@link #confirm}) hands the {@link ActionRequest} to the
 * {@link ActionGateway}, whose policy gate decides (dry run, approval, cooldown, rate limit) and
 * audits. A health check only probes and goes to the gate at once; a denial only stops something
 * from running and needs no confirmation. Targets are resolved against what the deployment knows
 * ({@link Targets}); the request's target is the canonical host, so the gate keys cooldowns and
 * rate limits on one name per machine.
 */
public final class ActionAnswers {

    static final String RESTART = "restart_service";
    static final String SCALE = "scale_up";
    static final String HEALTH = "health_check";
    static final String SILENCE = "silence_alert";

    private static final int MAX_REASON = 200;

    private final ActionGateway gateway;
    private final Proposals proposals;
    private final Supplier<Targets> targets;
    private final String session;

    public ActionAnswers(ActionGateway gateway, Proposals proposals, Supplier<Targets> targets) {
        this(gateway, proposals, targets, "");
    }

    private ActionAnswers(ActionGateway gateway, Proposals proposals, Supplier<Targets> targets, String session) {
        this.gateway = gateway;
        this.proposals = proposals;
        this.targets = targets;
        this.session = session;
    }

    /** The same answers for one conversation: proposals, requests and denials name the session. */
    public ActionAnswers forSession(String sessionId) {
        return new ActionAnswers(gateway, proposals, targets, sessionId);
    }

    /** What the deployment knows now. */
    public Targets targets() {
        return targets.get();
    }

    public Proposals proposals() {
        return proposals;
    }

    private String origin() {
        return session.isEmpty() ? "chat" : "chat session " + session;
    }

    private Optional<Reply> unavailable(Targets t, String action) {
        return t.known().offers(action)
                ? Optional.empty()
                : Optional.of(Reply.of(
                        "This deployment's gate has no " + action + " action; it offers "
                                + String.join(", ", t.known().actions()) + ".",
                        Map.of("refused", "unsupported_action", "action", action)));
    }

    public Reply restart(Interpretation in, Principal who) {
        Targets t = targets.get();
        Optional<Reply> off = unavailable(t, RESTART);
        if (off.isPresent()) {
            return off.get();
        }
        Targets.Resolution r = t.resolve(
                in.slot(SERVICE), in.mention(HOST), in.mention(HOST_AS_WRITTEN), in.mention(SERVICE_AS_WRITTEN), true);
        if (r.target().isEmpty()) {
            return r.refusal().isEmpty()
                    ? ask("Which service should I restart? This deployment runs: " + t.describe() + ".")
                    : refuse(r.refusal());
        }
        Targets.Resolved to = r.target().get();
        ActionRequest.Builder b = ActionRequest.builder(RESTART, to.host()).parameter("unit", to.service());
        return propose(
                Intent.RESTART_SERVICE,
                b,
                in,
                who,
                "restart " + to.service() + " on " + to.host(),
                Map.of("service", to.service(), "host", to.host()));
    }

    public Reply scale(Interpretation in, Principal who) {
        Targets t = targets.get();
        Optional<Reply> off = unavailable(t, SCALE);
        if (off.isPresent()) {
            return off.get();
        }
        String type = in.slot(INSTANCE_TYPE);
        Object replicas = in.slots().get(REPLICAS);
        if (type != null) {
            Targets.Resolution r = t.resolve(null, in.mention(HOST), in.mention(HOST_AS_WRITTEN), null, false);
            if (r.target().isEmpty()) {
                return r.refusal().isEmpty()
                        ? ask("Which host should become a " + type + "? I know " + t.describe() + ".")
                        : refuse(r.refusal());
            }
            String host = r.target().get().host();
            return propose(
                    Intent.SCALE_UP,
                    ActionRequest.builder(SCALE, host).parameter("instance_type", type),
                    in,
                    who,
                    "resize " + host + " to " + type,
                    Map.of("host", host, "instance_type", type));
        }
        Targets.Resolution r = t.resolve(
                in.slot(SERVICE), in.mention(HOST), in.mention(HOST_AS_WRITTEN), in.mention(SERVICE_AS_WRITTEN), true);
        if (r.target().isEmpty()) {
            return r.refusal().isEmpty()
                    ? ask(
                            "What should I scale: a service with a replica count (\"scale the api up by 2\") or a host to an instance "
                                    + "type (\"resize app to m5.xlarge\")? This deployment runs: " + t.describe() + ".")
                    : refuse(r.refusal());
        }
        Targets.Resolved to = r.target().get();
        if (replicas == null) {
            return ask("By how many replicas should I scale " + to.service() + "? For example \"two more\".");
        }
        ActionRequest.Builder b = ActionRequest.builder(SCALE, to.host())
                .parameter("service", to.service())
                .parameter("replicas", replicas.toString());
        return propose(
                Intent.SCALE_UP,
                b,
                in,
                who,
                "add " + replicas + " replica(s) of " + to.service() + " on " + to.host(),
                Map.of("service", to.service(), "host", to.host(), "replicas", replicas));
    }

    /** Probes change nothing: sent to the gate at once, resolved like any other target. */
    public Reply health(Interpretation in, Principal who) {
        Targets t = targets.get();
        Optional<Reply> off = unavailable(t, HEALTH);
        if (off.isPresent()) {
            return off.get();
        }
        Targets.Resolution r = t.resolve(
                in.slot(SERVICE), in.mention(HOST), in.mention(HOST_AS_WRITTEN), in.mention(SERVICE_AS_WRITTEN), false);
        if (r.target().isEmpty()) {
            return r.refusal().isEmpty()
                    ? ask("Which service or host should I check? I know " + t.describe() + ".")
                    : refuse(r.refusal());
        }
        Targets.Resolved to = r.target().get();
        String what = to.service() == null ? to.host() : to.service() + " on " + to.host();
        Optional<Map<String, String>> probe = t.known().probe(to.host(), to.service());
        if (probe.isEmpty()) {
            return refuse("I can't check " + what
                    + ": this deployment's configuration names no probe (URL or address) for it.");
        }
        ActionRequest request = ActionRequest.builder(HEALTH, to.host())
                .parameters(probe.get())
                .requestedBy(who)
                .reason(reason(in))
                .build();
        ActionResult result = gateway.request(request);
        Reply reply = outcome(result, Texts.capitalise("health-check " + what));
        Map<String, Object> data = new LinkedHashMap<>(reply.data());
        data.put("parameters", request.parameters());
        return new Reply(reply.answer(), data, reply.approvalId());
    }

    public Reply silence(Interpretation in, Principal who) {
        Targets t = targets.get();
        Optional<Reply> off = unavailable(t, SILENCE);
        if (off.isPresent()) {
            return off.get();
        }
        String duration = in.slot(SlotPolicy.DURATION);
        String alert = in.slot(ALERT);
        if (alert == null) {
            return ask("Which alert should I silence" + (duration == null ? "" : " for " + duration)
                    + "? Name it, for example \"silence HighCpuUsage for 1h\".");
        }
        if (duration == null) {
            return ask("For how long should I silence " + alert + "? For example \"for 2h\".");
        }
        ActionRequest.Builder b = ActionRequest.builder(SILENCE, alert)
                .parameter("duration", duration)
                .parameter("alert", alert);
        return propose(
                Intent.SILENCE,
                b,
                in,
                who,
                "silence " + alert + " for " + duration,
                Map.of("alert", alert, "duration", duration));
    }

    /** Approving is proposed too: it lets the pending action run. Without an id, only this session's one open approval. */
    public Reply approve(Interpretation in, Principal who) {
        Optional<PendingApproval> pending = decisionTarget(in);
        if (pending.isEmpty()) {
            return whichPending("approve", in.slot(SlotPolicy.ACTION_ID));
        }
        PendingApproval p = pending.get();
        String summary = "approve " + p.id() + " (" + p.request().action() + " on "
                + p.request().target() + " " + p.request().parameters() + ", asked by "
                + p.request().requestedBy().name() + ")";
        return propose(Intent.APPROVE, p.request(), p.id(), who, summary, Map.of("action_id", p.id()));
    }

    public Reply deny(Interpretation in, Principal who) {
        Optional<PendingApproval> pending = decisionTarget(in);
        if (pending.isEmpty()) {
            return whichPending("deny", in.slot(SlotPolicy.ACTION_ID));
        }
        ActionResult r = gateway.deny(pending.get().id(), who, "denied in " + origin() + " by " + who.name());
        return outcome(r, "Denial of " + pending.get().id());
    }

    /** "show pending approvals": every approval waiting, with what it would run. */
    public Reply pending() {
        List<PendingApproval> pending = gateway.pending();
        if (pending.isEmpty()) {
            return Reply.of("Nothing is waiting for approval.", Map.of("pending", List.of()));
        }
        StringBuilder sb = new StringBuilder(pending.size() + " action(s) waiting for approval:");
        pending.forEach(p -> sb.append(line(p)));
        return Reply.of(
                sb.toString(),
                Map.of("pending", pending.stream().map(PendingApproval::id).toList()));
    }

    /**
     * The approval a decision is about: the id the text names, or else this session's only open
     * approval. Never a guess among several, and never one another session asked for.
     */
    private Optional<PendingApproval> decisionTarget(Interpretation in) {
        List<PendingApproval> pending = gateway.pending();
        String id = in.slot(SlotPolicy.ACTION_ID);
        if (id != null) {
            return pending.stream()
                    .filter(p -> p.id().equalsIgnoreCase(id)
                            || p.id().equalsIgnoreCase("act-" + id)
                            || p.id().equalsIgnoreCase("apr-" + id))
                    .findFirst();
        }
        var mine = proposals.approvalsOf(session);
        if (in.mention(io.smartcloudops.chat.internal.nlu.SlotExtractor.PREVIOUS_APPROVAL) != null) {
            // Remembered in the session file, so "approve it" right after the request still works after a restart.
            mine.add(in.mention(io.smartcloudops.chat.internal.nlu.SlotExtractor.PREVIOUS_APPROVAL));
        }
        List<PendingApproval> open =
                pending.stream().filter(p -> mine.contains(p.id())).toList();
        return open.size() == 1 ? Optional.of(open.get(0)) : Optional.empty();
    }

    private Reply whichPending(String verb, String named) {
        List<PendingApproval> pending = gateway.pending();
        if (pending.isEmpty()) {
            return Reply.of(
                    (named == null ? "" : "There is no pending approval '" + named + "'. ")
                            + "Nothing is waiting for approval.",
                    Map.of("pending", List.of()));
        }
        StringBuilder sb = new StringBuilder((named == null ? "" : "There is no pending approval '" + named + "'. ")
                + pending.size() + " action(s) waiting; which one should I " + verb + "? Name it, e.g. \"" + verb + " "
                + pending.get(0).id() + "\".");
        pending.forEach(p -> sb.append(line(p)));
        return Reply.of(
                sb.toString(),
                Map.of("pending", pending.stream().map(PendingApproval::id).toList(), "clarify", true));
    }

    private static String line(PendingApproval p) {
        return String.format(
                Locale.ROOT,
                "\n- %s: %s on %s %s, asked by %s",
                p.id(),
                p.request().action(),
                p.request().target(),
                p.request().parameters(),
                p.request().requestedBy().name());
    }

    private String reason(Interpretation in) {
        String text = in.guard().cleaned();
        return origin() + ": " + (text.length() > MAX_REASON ? text.substring(0, MAX_REASON) + "..." : text);
    }

    private Reply propose(
            Intent intent,
            ActionRequest.Builder b,
            Interpretation in,
            Principal who,
            String summary,
            Map<String, Object> slots) {
        return propose(intent, b.requestedBy(who).reason(reason(in)).build(), null, who, summary, slots);
    }

    private Reply propose(
            Intent intent,
            ActionRequest request,
            String approvalId,
            Principal who,
            String summary,
            Map<String, Object> slots) {
        Proposals.Proposal p = proposals.propose(intent, request, approvalId, who, session, summary, slots);
        String gate = gateway instanceof ProposalLedger ledger
                ? ledger.preview(request).orElse(null)
                : null;
        String answer = "I would " + summary + ": action " + request.action() + ", target " + request.target()
                + (request.parameters().isEmpty() ? "" : ", parameters " + request.parameters()) + ". "
                + (approvalId != null
                        ? "The approved action then runs through the policy gate in its configured mode (dry-run or execute)."
                        : "The policy gate then decides in its configured mode (dry-run or execute): "
                                + (gate != null
                                        ? gate
                                        : "it runs it, waits for an approval, or holds it back for a cooldown or rate limit")
                                + ".")
                + " Say \"yes\" or \"confirm\" within " + Texts.human(proposals.confirmWithin())
                + " to send it; anything else cancels it.";
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("proposal", p.id());
        data.put("action", request.action());
        data.put("target", request.target());
        data.put("parameters", request.parameters());
        data.put("expiresAt", p.expiresAt().toString());
        data.put("confirm", true);
        if (approvalId != null) {
            data.put("approvalId", approvalId);
        }
        if (gate != null) {
            data.put("gate", gate);
        }
        return Reply.of(answer, data);
    }

    /** Sends a confirmed proposal to the gate and says what the gate did. */
    public Reply confirm(Proposals.Proposal p, Principal who) {
        ActionResult r = p.approvalId() != null ? gateway.approve(p.approvalId(), who) : gateway.request(p.request());
        if (r.outcome() == ActionOutcome.PENDING_APPROVAL && r.approvalId() != null) {
            proposals.approvalCreated(p.session(), r.approvalId());
        }
        Reply reply = outcome(r, Texts.capitalise(p.summary()));
        Map<String, Object> data = new LinkedHashMap<>(reply.data());
        data.put("proposal", p.id());
        data.put("parameters", p.request().parameters());
        return new Reply(reply.answer(), data, reply.approvalId());
    }

    private static Reply outcome(ActionResult r, String what) {
        String message = r.message().isEmpty() ? "" : " " + r.message();
        String answer = switch (r.outcome()) {
            case PENDING_APPROVAL ->
                what + ": waiting for approval " + r.approvalId() + "." + message + " An approver says \"approve "
                        + r.approvalId() + "\" to run it, \"deny " + r.approvalId() + "\" to drop it.";
            case DRY_RUN -> what + ": dry run only, nothing changed." + message;
            case SUCCEEDED -> what + ": done." + message;
            case FAILED -> what + ": failed." + message;
            case SUPPRESSED -> what + ": held back by the policy gate." + message;
            case REJECTED -> what + ": refused." + message;
        };
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("action", r.action());
        data.put("target", r.target());
        data.put("outcome", r.outcome().label());
        data.put("message", r.message());
        if (r.approvalId() != null) {
            data.put("approvalId", r.approvalId());
        }
        return new Reply(answer, data, r.outcome() == ActionOutcome.PENDING_APPROVAL ? r.approvalId() : null);
    }

    private static Reply ask(String question) {
        return Reply.of(question, Map.of("clarify", true));
    }

    private static Reply refuse(String why) {
        return Reply.of(why, Map.of("refused", "unknown_target"));
    }
}
