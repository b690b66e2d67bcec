package io.smartcloudops.chat.internal.nlu;

import java.util.List;
import java.util.Objects;

/**
 * The classifier's verdict: the best intent, how sure it is, and every intent's score.
 *
 * @param confidence softmax probability of the best intent over all intents, in [0, 1]
 * @param ranking every intent with its combined score (similarity plus learned word evidence), best first
 */
public record IntentPrediction(Intent intent, double confidence, List<Scored> ranking) {

    /** One intent's combined score. */
    public record Scored(Intent intent, double score) {}

    public IntentPrediction {
        Objects.requireNonNull(intent, "intent");
        ranking = List.copyOf(ranking);
    }

    /** The runner-up, for "did you mean A or B?". */
    public Intent secondBest() {
        return ranking.size() > 1 ? ranking.get(1).intent() : intent;
    }
}
