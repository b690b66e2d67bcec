package io.smartcloudops.chat.internal.answer;

import static io.smartcloudops.chat.internal.answer.Questions.CLOCK;
import static io.smartcloudops.chat.internal.answer.Questions.T0;
import static io.smartcloudops.chat.internal.answer.Questions.ask;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.HOST;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.METRIC;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.chat.FakeOpsView;
import io.smartcloudops.chat.internal.nlu.Intent;
import io.smartcloudops.chat.internal.nlu.SlotPolicy;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReadScopeTest {

    private final ReadScope scope = new ReadScope(new FakeOpsView(T0), CLOCK);

    @Test
    void windowStartsTheAskedRangeBeforeNowAndIsOpenWithoutOne() {
        assertThat(scope.since(ask(Intent.ANOMALIES, SlotPolicy.RANGE, "PT2H")))
                .isEqualTo(T0.minus(Duration.ofHours(2)));
        assertThat(scope.since(ask(Intent.ANOMALIES))).isNull();
    }

    @Test
    void matchesTheWatchedSeriesByMetricAndHost() {
        assertThat(scope.matchingSeries(ask(Intent.METRIC_QUERY, HOST, "app-1")))
                .extracting(SeriesId::name)
                .containsExactly("node_cpu_usage_percent", "node_disk_used_percent");
        assertThat(scope.matchingSeries(ask(Intent.METRIC_QUERY, METRIC, "memory")))
                .extracting(SeriesId::name)
                .containsExactly("node_memory_used_percent");
        assertThat(scope.matchingSeries(ask(Intent.METRIC_QUERY, METRIC, "latency")))
                .isEmpty();
    }

    @Test
    void matchesAtMostFiveSeries() {
        List<SeriesId> many = IntStream.range(0, 7)
                .mapToObj(i -> SeriesId.of("node_cpu_usage_percent", Labels.of("host", "app-" + i)))
                .toList();
        ReadScope wide = new ReadScope(
                new FakeOpsView(T0) {
                    @Override
                    public List<SeriesId> series() {
                        return many;
                    }
                },
                CLOCK);

        assertThat(wide.matchingSeries(ask(Intent.METRIC_QUERY, METRIC, "cpu"))).isEqualTo(many.subList(0, 5));
    }

    @Test
    void namesTheMetricAndWhatAListingWasNarrowedTo() {
        var full = ask(Intent.METRIC_QUERY, METRIC, "cpu", SERVICE, "nginx", HOST, "app-1", SlotPolicy.RANGE, "PT30M");

        assertThat(ReadScope.describe(full)).isEqualTo("cpu of nginx on app-1 over 30m");
        assertThat(ReadScope.scope(full)).isEqualTo(" for cpu of nginx on app-1 in the last 30m");
        assertThat(ReadScope.describe(ask(Intent.METRIC_QUERY, METRIC, "disk"))).isEqualTo("disk");
        assertThat(ReadScope.scope(ask(Intent.ANOMALIES))).isEmpty();
    }
}
