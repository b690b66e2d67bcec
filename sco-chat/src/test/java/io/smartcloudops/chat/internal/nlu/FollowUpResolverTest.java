package io.smartcloudops.chat.internal.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FollowUpResolverTest {

    private static final Turn CPU_OF_NGINX = new Turn(
            Intent.METRIC_QUERY,
            Map.of("metric", "cpu", "service", "nginx"),
            Map.of(SlotExtractor.METRIC, "cpu", SlotExtractor.SERVICE, "nginx"),
            null);

    @Test
    void aTurnNamingOnlyNewEntitiesRepeatsThePreviousIntent() {
        var r = FollowUpResolver.resolve(
                Intent.METRIC_QUERY,
                Optional.empty(),
                "and redis?",
                Map.of(SlotExtractor.SERVICE, "redis"),
                CPU_OF_NGINX);
        assertThat(r.intentFromPrevious()).isTrue();
        assertThat(r.intent()).isEqualTo(Intent.METRIC_QUERY);
        assertThat(r.mentions())
                .containsEntry(SlotExtractor.METRIC, "cpu")
                .containsEntry(SlotExtractor.SERVICE, "redis");
    }

    @Test
    void aTurnConfidentlyReadAsAnotherIntentIsNoContinuationEvenWhenItOpensLikeOne() {
        var r = FollowUpResolver.resolve(
                Intent.LOGS,
                Optional.of(Intent.LOGS),
                "and the logs for redis",
                Map.of(SlotExtractor.SERVICE, "redis"),
                CPU_OF_NGINX);
        assertThat(r.intentFromPrevious()).isFalse();
        assertThat(r.intent()).isEqualTo(Intent.LOGS);
        assertThat(r.mentions()).doesNotContainKey(SlotExtractor.METRIC);
    }

    @Test
    void aConfidentReadingOfThePreviousIntentItselfStillContinuesIt() {
        var r = FollowUpResolver.resolve(
                Intent.METRIC_QUERY,
                Optional.of(Intent.METRIC_QUERY),
                "what about redis",
                Map.of(SlotExtractor.SERVICE, "redis"),
                CPU_OF_NGINX);
        assertThat(r.intentFromPrevious()).isTrue();
        assertThat(r.mentions()).containsEntry(SlotExtractor.METRIC, "cpu");
    }
}
