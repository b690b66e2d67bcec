package io.smartcloudops.chat.internal.nlu;

import java.util.EnumMap;
import java.util.Map;

/**
 * What the words of a text say on their own: the learned lexical model's reading
 * ({@link LearnedIntentModel#lexical}), which sees character and word n-grams and the kinds of
 * entity named, and no embedding. The embedding says what a text is about; the words say what it
 * asks for. With no learned model there is no reading, and the answers are the safe ones: no
 * action is asked for, no text is taken for chit-chat, nothing is added to the neighbours' vote.
 *
 * @param reading the lexical model's prediction, or null when the interpreter has no learned model
 */
record WordEvidence(IntentPrediction reading) {

    static WordEvidence none() {
        return new WordEvidence(null);
    }

    /**
     * The reading's probabilities (or their logarithms, floored at 1e-4) times {@code weight}, to
     * add to the neighbours' cosine similarities; a mutable map, empty without a reading.
     */
    Map<Intent, Double> weighted(double weight, boolean logScale) {
        Map<Intent, Double> out = new EnumMap<>(Intent.class);
        if (reading != null) {
            reading.ranking()
                    .forEach(s ->
                            out.put(s.intent(), weight * (logScale ? Math.log(Math.max(s.score(), 1e-4)) : s.score())));
        }
        return out;
    }

    /**
     * Never act on resemblance alone: "redis" on its own sits near "restart redis" in embedding
     * space, but nothing in it asks for a restart. An action is asked for when the words alone
     * read as that action first, with at least probability {@code min}.
     */
    boolean asksFor(Intent action, double min) {
        return reading != null && reading.intent() == action && reading.confidence() >= min;
    }

    /** True when the words alone read first as a change (restart, scale, silence, a decision). */
    boolean readsAsAChange() {
        return reading != null && reading.intent().isMutating();
    }

    /**
     * A text that names nothing of the deployment (no entity) and whose words alone read as out of
     * scope: chit-chat and trivia, which reach an ops example only by chance resemblance ("knock
     * knock" sits near "no"), so a weak guess about it is better answered as out of scope than asked
     * about.
     */
    boolean unrelated(Map<String, Object> mentions) {
        return reading != null && mentions.isEmpty() && reading.intent() == Intent.OUT_OF_SCOPE;
    }
}
