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
 */
public record Interpretation(
        Intent intent,
        Map<String, Object> slots,
        Map<String, Object> mentions,
        double confidence,
        boolean clarify,
        boolean followUp,
        IntentPrediction prediction,
        InputGuard.Verdict guard) {

    public Interpretation {
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(guard, "guard");
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
