package io.smartcloudops.chat.internal.nlu;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One generated training or evaluation utterance.
 *
 * @param text the utterance as a user might type it (noise applied)
 * @param intent the intent that should be answered (a hypothetical about a restart is {@code help})
 * @param slots the labelled slots under their slot names, canonical values (README conventions)
 * @param family the template family it came from; cross-validation never splits a family
 * @param act what the message does with the action it names
 */
public record LabelledUtterance(String text, Intent intent, Map<String, Object> slots, String family, SpeechAct act) {

    /** The speech act of a message, as the gate for mutating intents sees it. */
    public enum SpeechAct {
        /** Do or answer it now: the only act that may propose a change. */
        COMMAND,
        QUESTION,
        HYPOTHETICAL,
        NEGATED,
        PAST;

        static SpeechAct parse(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }
    }

    public LabelledUtterance {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(intent, "intent");
        slots = Map.copyOf(slots);
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(act, "act");
    }
}
