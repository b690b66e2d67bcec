package io.smartcloudops.chat.internal.answer;

import static io.smartcloudops.chat.internal.answer.Questions.CLOCK;
import static io.smartcloudops.chat.internal.answer.Questions.T0;
import static io.smartcloudops.chat.internal.answer.Questions.ask;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.HOST;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.METRIC;
import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.chat.OpsView;
import io.smartcloudops.api.detect.AnomalyEvent;
import io.smartcloudops.api.detect.Score;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.chat.FakeOpsView;
import io.smartcloudops.chat.internal.nlu.Intent;
import io.smartcloudops.chat.internal.nlu.SlotPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AnomalyAnswersTest {

    private static final SeriesId CPU_APP = SeriesId.of("node_cpu_usage_percent", Labels.of("host", "app-1"));
    private static final Map<String, Object> AN_208 = Map.of(
            "id",
            "an-208",
            "series",
            CPU_APP.toString(),
            "at",
            "2026-11-27T09:40:00Z",
            "value",
            97.0,
            "expected",
            42.0,
            "score",
            0.97,
            "detector",
            "ewma",
            "reason",
            "cpu 3.1 sigma above its EWMA baseline");

    private static AnomalyAnswers over(OpsView view) {
        return new AnomalyAnswers(view, new ReadScope(view, CLOCK));
    }

    @Test
    void listsTheAnomaliesInTheWindowAndSaysWhatItWasNarrowedTo() {
        Reply r = over(new FakeOpsView(T0)).anomalies(ask(Intent.ANOMALIES, METRIC, "cpu", SlotPolicy.RANGE, "PT1H"));

        assertThat(r.answer())
                .isEqualTo("1 anomaly for cpu in the last 1h:\n- an-208 " + CPU_APP
                        + " at 2026-11-27T09:40:00Z: value 97 (expected 42), score 0.97");
        assertThat(r.data()).containsEntry("anomalies", List.of(AN_208)).containsEntry("total", 1);
    }

    @Test
    void saysNoneWhenNothingFallsInTheWindowOrOnTheHost() {
        FakeOpsView view = new FakeOpsView(T0); // its one anomaly is 20 minutes old, on app-1

        assertThat(over(view).anomalies(ask(Intent.ANOMALIES, SlotPolicy.RANGE, "PT10M")))
                .isEqualTo(Reply.of("No anomalies in the last 10m.", Map.of("anomalies", List.of())));
        assertThat(over(view).anomalies(ask(Intent.ANOMALIES, HOST, "mon-1")).answer())
                .isEqualTo("No anomalies on mon-1.");
    }

    @Test
    void listsTenAndCountsTheRest() {
        List<AnomalyEvent> twelve = IntStream.range(0, 12)
                .mapToObj(i -> new AnomalyEvent(
                        "an-" + i,
                        CPU_APP,
                        T0.minus(Duration.ofMinutes(i)).toEpochMilli(),
                        90,
                        new Score(0.9, 40, 30, 50, "", ""),
                        "ewma"))
                .toList();
        FakeOpsView busy = new FakeOpsView(T0) {
            @Override
            public List<AnomalyEvent> anomalies(int limit) {
                return twelve;
            }
        };

        Reply r = over(busy).anomalies(ask(Intent.ANOMALIES));

        assertThat(r.answer()).startsWith("12 anomalies:\n- an-0 ").endsWith("\n(2 more)");
        assertThat(r.answer().lines().filter(l -> l.startsWith("- "))).hasSize(10);
        assertThat((List<?>) r.data().get("anomalies")).hasSize(10);
        assertThat(r.data()).containsEntry("total", 12);
    }

    @Test
    void explainsAnAnomalyByIdWithItsBandDetectorAndReason() {
        Reply r = over(new FakeOpsView(T0)).explain(ask(Intent.EXPLAIN_ANOMALY, SlotPolicy.ANOMALY_ID, "an-208"));

        assertThat(r.answer())
                .isEqualTo("Anomaly an-208 on " + CPU_APP + " at 2026-11-27T09:40:00Z: value 97 where 42 was expected"
                        + " (normal band 30 to 55); detector ewma (ewma) scored it 0.97."
                        + " Reason: cpu 3.1 sigma above its EWMA baseline.");
        assertThat(r.data()).isEqualTo(AN_208);
    }

    @Test
    void explainsTheLatestMatchingAnomalyWhenNoIdIsGiven() {
        FakeOpsView view = new FakeOpsView(T0);

        assertThat(over(view)
                        .explain(ask(Intent.EXPLAIN_ANOMALY, METRIC, "cpu"))
                        .data())
                .isEqualTo(AN_208);
        assertThat(over(view).explain(ask(Intent.EXPLAIN_ANOMALY, METRIC, "memory")))
                .isEqualTo(Reply.of("I found no anomaly for memory to explain.", Map.of()));
        assertThat(over(view).explain(ask(Intent.EXPLAIN_ANOMALY, SlotPolicy.ANOMALY_ID, "an-1")))
                .isEqualTo(Reply.of("I know no anomaly an-1.", Map.of()));
    }

    @Test
    void leavesOutTheBandComponentAndReasonItDoesNotKnow() {
        AnomalyEvent bare = new AnomalyEvent(
                "an-9",
                CPU_APP,
                T0.toEpochMilli(),
                12.5,
                new Score(0.8, Double.NaN, Double.NaN, Double.NaN, "", ""),
                "iforest");
        FakeOpsView view = new FakeOpsView(T0) {
            @Override
            public Optional<AnomalyEvent> anomaly(String id) {
                return Optional.of(bare);
            }
        };

        Reply r = over(view).explain(ask(Intent.EXPLAIN_ANOMALY, SlotPolicy.ANOMALY_ID, "an-9"));

        assertThat(r.answer())
                .isEqualTo("Anomaly an-9 on " + CPU_APP
                        + " at 2026-11-27T10:00:00Z: value 12.50; detector iforest scored it 0.80.");
    }
}
