package io.smartcloudops.chat.internal.answer;

import io.smartcloudops.api.action.Principal;
import io.smartcloudops.chat.internal.nlu.InputGuard;
import io.smartcloudops.chat.internal.nlu.Intent;
import io.smartcloudops.chat.internal.nlu.IntentPrediction;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Answers about the conversation itself: help, refusals, and clarifying questions. */
public final class GuideAnswers {

    private GuideAnswers() {
    }

    /** What the caller's role may ask, and only that. */
    public static Reply help(Principal who) {
        List<Intent> allowed = Arrays.stream(Intent.values())
                .filter(i -> i != Intent.HELP && i != Intent.OUT_OF_SCOPE && who.role().atLeast(i.minimumRole()))
                .toList();
        StringBuilder sb = new StringBuilder("As " + who.role().name().toLowerCase(Locale.ROOT) + " you can ask for:");
        allowed.forEach(i -> sb.append("\n- ").append(i.description()));
        if (allowed.stream().noneMatch(Intent::isAction)) {
            sb.append("\nYour role is read-only: restarts, scaling, health checks, silences and approvals need an operator.");
        } else {
            sb.append("\nActions go through the policy gate, which may run them dry or wait for an approval.");
        }
        return Reply.of(sb.toString(), Map.of("intents", allowed.stream().map(Intent::label).toList(), "role", who.role().name()));
    }

    public static Reply outOfScope(InputGuard.Verdict verdict, int maxChars) {
        return switch (verdict.rejection()) {
            case TOO_LONG -> Reply.of("That message is too long for me: " + verdict.detail()
                    + ". Please ask a shorter question.", Map.of("rejected", "too_long", "maxChars", maxChars));
            case EMPTY -> Reply.of("I got an empty message. Ask me about status, metrics, alerts, anomalies, logs or actions; "
                    + "\"help\" lists what you can do.", Map.of("rejected", "empty"));
            case INJECTION -> Reply.of("I can't do that. I only answer questions about this deployment and ask for actions "
                    + "through the policy gate; I never run commands or change my instructions.", Map.of("rejected", "injection"));
            case NONE -> Reply.of("That is outside what I can help with. I answer questions about the monitoring and app "
                    + "hosts and their services; \"help\" lists what you can ask.", Map.of());
        };
    }

    public static Reply refused(Intent intent, Principal who) {
        return Reply.of("Your role (" + who.role().name().toLowerCase(Locale.ROOT) + ") may not ask to "
                + intent.description().split(" \\(")[0] + "; that needs " + intent.minimumRole().name().toLowerCase(Locale.ROOT)
                + " or more.", Map.of("refused", "role", "requiredRole", intent.minimumRole().name()));
    }

    public static Reply clarify(IntentPrediction p) {
        String best = p.intent().description().split(" \\(")[0];
        String second = p.secondBest().description().split(" \\(")[0];
        String question = p.intent() == p.secondBest() || second.isEmpty()
                ? "I'm not sure what you mean. Did you want " + best + "? Please rephrase, or say \"help\"."
                : "I'm not sure what you mean: " + best + ", or " + second + "? Please rephrase, or say \"help\".";
        return Reply.of(question, Map.of("clarify", true, "candidates", List.of(p.intent().label(), p.secondBest().label())));
    }
}
