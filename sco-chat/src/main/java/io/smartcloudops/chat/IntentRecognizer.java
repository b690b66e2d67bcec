package io.smartcloudops.chat;

import io.smartcloudops.chat.internal.nlu.Interpretation;
import io.smartcloudops.chat.internal.nlu.QueryInterpreter;
import io.smartcloudops.chat.internal.nlu.Turn;
import java.util.Map;
import java.util.Objects;

/**
 * The offline engine's understanding alone: intent and slots of one text, with no answer, no
 * session and no live data. For callers that route text themselves, and for timing
 * classification apart from answering.
 *
 * <pre>{@code
 * IntentRecognizer r = IntentRecognizer.bundled(OfflineChatSettings.defaults());
 * IntentRecognizer.Understanding u = r.understand("restart nginx on the web box");
 * // u.intent() = "restart_service", u.slots() = {service=nginx, host=app}
 * }</pre>
 */
public final class IntentRecognizer {
    private final QueryInterpreter interpreter;

    private IntentRecognizer(QueryInterpreter interpreter) {
        this.interpreter = interpreter;
    }

    /** Loads the in-process embedding model and the bundled examples (about a second). */
    public static IntentRecognizer bundled(OfflineChatSettings settings) {
        return new IntentRecognizer(QueryInterpreter.bundled(settings.maxQueryChars(), settings.minConfidence()));
    }

    /**
     * @param intent the wire name, as in {@code ChatReply.intent()}
     * @param clarify true when the engine would ask rather than act on a best guess
     */
    public record Understanding(String intent, Map<String, Object> slots, double confidence, boolean clarify) {
        public Understanding {
            Objects.requireNonNull(intent, "intent");
            slots = Map.copyOf(slots);
        }
    }

    /** One text on its own, as the first turn of a conversation. */
    public Understanding understand(String text) {
        Interpretation in = interpreter.interpret(text, null);
        return new Understanding(in.intent().label(), in.slots(), in.confidence(), in.clarify());
    }

    /**
     * A text said right after {@code previous} in the same conversation, so follow-ups ("and for
     * redis?", "restart it") resolve against it; as the labelled query files' {@code context}.
     */
    public Understanding understand(String text, String previous) {
        if (previous == null) {
            return understand(text);
        }
        Interpretation ctx = interpreter.interpret(previous, null);
        Interpretation in = interpreter.interpret(text, new Turn(ctx.intent(), ctx.slots(), ctx.mentions(), null));
        return new Understanding(in.intent().label(), in.slots(), in.confidence(), in.clarify());
    }
}
