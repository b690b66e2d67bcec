package io.smartcloudops.chat.internal.nlu;

import java.util.Map;
import java.util.Objects;

/**
 * What a query means: the intent, its slots, and how sure the engine is.
 *
 * @param mentions every entity named or resolved from the previous turn (neutral keys), for the next turn
 * @param clarify true when the intent is only a best guess and the engine should ask instead of act
 * @param followUp true when the intent or slots came from the previous turn
 * @param guard what the input guard found; a rejected query is {@code out_of_scope}
 * @param about for a help answer to a hypothetical, how-to or ability question, or an audit of a
 *     past action, the action asked about; else null
 * @param refusal why a request is refused without acting ({@link Refusal#NONE} when it is not)
 * @param dropped what negation or retraction removed from the text ("" when nothing)
 */
public record Interpretation(
        Intent intent,
        Map<String, Object> slots,
        Map<String, Object> mentions,
        double confidence,
        boolean clarify,
        boolean followUp,
        IntentPrediction prediction,
        InputGuard.Verdict guard,
        Intent about,
        Refusal refusal,
        String dropped) {

    /** Why a request is refused without acting. */
    public enum Refusal {
        NONE,
        NOTHING_LEFT,
        UNSUPPORTED,
        SCHEDULED,
        DATA_INSTRUCTION
    }

    public Interpretation(
            Intent intent,
            Map<String, Object> slots,
            Map<String, Object> mentions,
            double confidence,
            boolean clarify,
            boolean followUp,
            IntentPrediction prediction,
            InputGuard.Verdict guard) {
        this(intent, slots, mentions, confidence, clarify, followUp, prediction, guard, null, Refusal.NONE, "");
    }

    public Interpretation {
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(guard, "guard");
        refusal = refusal == null ? Refusal.NONE : refusal;
        dropped = dropped == null ? "" : dropped;
        slots = Map.copyOf(slots);
        mentions = Map.copyOf(mentions);
    }

    public String slot(String name) {
        Object v = slots.get(name);
        return v == null ? null : v.toString();
    }

    public String mention(String key) {
        Object v = mentions.get(key);
        return v == null ? null : v.toString();
    }
}
