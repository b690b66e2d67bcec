package io.smartcloudops.chat.internal.answer;

import static io.smartcloudops.chat.internal.answer.Questions.CLOCK;
import static io.smartcloudops.chat.internal.answer.Questions.T0;
import static io.smartcloudops.chat.internal.answer.Questions.ask;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.HOST;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.METRIC;
import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.chat.OpsView;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.chat.FakeOpsView;
import io.smartcloudops.chat.internal.nlu.Intent;
import io.smartcloudops.chat.internal.nlu.SlotPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricAnswersTest {

    private static final SeriesId CPU_APP = SeriesId.of("node_cpu_usage_percent", Labels.of("host", "app-1"));

    private static MetricAnswers over(OpsView view) {
        return new MetricAnswers(view, new ReadScope(view, CLOCK));
    }

    @Test
    void asksWhichMetricWhenNoneIsNamed() {
        Reply r = over(new FakeOpsView(T0)).metric(ask(Intent.METRIC_QUERY, HOST, "app-1"));

        assertThat(r.answer()).startsWith("Which metric? I know cpu, memory, disk,");
        assertThat(r.data()).containsEntry("clarify", true);
    }

    @Test
    void givesLatestMinAvgAndMaxOverTheAskedWindow() {
        // The fake's cpu is 40 + i % 5 at i minutes ago: 31 samples in the last 30 minutes, the latest 40.
        Reply r = over(new FakeOpsView(T0))
                .metric(ask(Intent.METRIC_QUERY, METRIC, "cpu", HOST, "app-1", SlotPolicy.RANGE, "PT30M"));

        assertThat(r.answer())
                .isEqualTo("Cpu on app-1 over 30m: " + CPU_APP
                        + " latest 40 (min 40, avg 41.94, max 44 over 31 samples).");
        assertThat(r.data())
                .containsEntry(
                        "series",
                        List.of(Map.of(
                                "series",
                                CPU_APP.toString(),
                                "latest",
                                40.0,
                                "min",
                                40.0,
                                "avg",
                                1300 / 31.0,
                                "max",
                                44.0,
                                "samples",
                                31)));
    }

    @Test
    void withoutAWindowUsesEveryRecentSample() {
        Reply r = over(new FakeOpsView(T0)).metric(ask(Intent.METRIC_QUERY, METRIC, "cpu"));

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) r.data().get("series");
        assertThat(rows).singleElement().satisfies(row -> assertThat(row).containsEntry("samples", 61));
    }

    @Test
    void saysSoWhenNoWatchedSeriesMatches() {
        Reply r = over(new FakeOpsView(T0)).metric(ask(Intent.METRIC_QUERY, METRIC, "latency", HOST, "app-1"));

        assertThat(r.answer()).isEqualTo("I watch no series for latency on app-1.");
        assertThat(r.data()).containsEntry("series", List.of());
    }

    @Test
    void reportsASeriesWithoutFiniteSamplesInTheWindow() {
        FakeOpsView gaps = new FakeOpsView(T0) {
            @Override
            public List<Sample> recentSamples(SeriesId series, int limit) {
                return List.of(new Sample(series, T0.toEpochMilli(), Double.NaN));
            }
        };

        Reply r = over(gaps).metric(ask(Intent.METRIC_QUERY, METRIC, "cpu", HOST, "app-1"));

        assertThat(r.answer()).isEqualTo("Cpu on app-1: " + CPU_APP + ": no samples in that window.");
        assertThat(r.data()).containsEntry("series", List.of());
    }
}
