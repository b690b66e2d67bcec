package io.smartcloudops.chat.internal.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class WordEvidenceTest {

    private static WordEvidence reading(Intent best, double p, Intent second) {
        return new WordEvidence(new IntentPrediction(
                best, p, List.of(new IntentPrediction.Scored(best, p), new IntentPrediction.Scored(second, 1 - p))));
    }

    @Test
    void anActionIsAskedForOnlyWhenTheWordsReadAsItFirst() {
        WordEvidence restart = reading(Intent.RESTART_SERVICE, 0.6, Intent.LOGS);
        assertThat(restart.asksFor(Intent.RESTART_SERVICE, 0.0)).isTrue();
        assertThat(restart.asksFor(Intent.RESTART_SERVICE, 0.7)).isFalse();
        assertThat(reading(Intent.LOGS, 0.6, Intent.RESTART_SERVICE).asksFor(Intent.RESTART_SERVICE, 0.0))
                .isFalse();
    }

    @Test
    void withoutALearnedModelNothingIsAskedForNorTakenForChitChat() {
        WordEvidence none = WordEvidence.none();
        assertThat(none.asksFor(Intent.RESTART_SERVICE, 0.0)).isFalse();
        assertThat(none.unrelated(Map.of())).isFalse();
        assertThat(none.weighted(0.3, false)).isEmpty();
    }

    @Test
    void aTextNamingAnEntityIsNeverUnrelated() {
        WordEvidence chat = reading(Intent.OUT_OF_SCOPE, 0.8, Intent.DENY);
        assertThat(chat.unrelated(Map.of())).isTrue();
        assertThat(chat.unrelated(Map.of(SlotExtractor.SERVICE, "redis"))).isFalse();
        assertThat(reading(Intent.DENY, 0.8, Intent.OUT_OF_SCOPE).unrelated(Map.of()))
                .isFalse();
    }

    @Test
    void weightsTheProbabilitiesOrTheirLogarithms() {
        WordEvidence w = reading(Intent.LOGS, 0.75, Intent.AUDIT);
        assertThat(w.weighted(0.2, false))
                .containsEntry(Intent.LOGS, 0.2 * 0.75)
                .containsEntry(Intent.AUDIT, 0.2 * 0.25);
        assertThat(w.weighted(0.1, true).get(Intent.AUDIT)).isCloseTo(0.1 * Math.log(0.25), Offset.offset(1e-12));
    }
}
