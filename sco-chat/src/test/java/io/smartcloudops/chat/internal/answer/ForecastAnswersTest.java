package io.smartcloudops.chat.internal.answer;

import static io.smartcloudops.chat.internal.answer.Questions.CLOCK;
import static io.smartcloudops.chat.internal.answer.Questions.T0;
import static io.smartcloudops.chat.internal.answer.Questions.ask;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.HOST;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.METRIC;
import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.chat.OpsView;
import io.smartcloudops.api.forecast.ForecastPoint;
import io.smartcloudops.api.forecast.MetricRange;
import io.smartcloudops.api.forecast.SeriesForecast;
import io.smartcloudops.api.forecast.ThresholdCrossing;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.chat.FakeOpsView;
import io.smartcloudops.chat.internal.nlu.Intent;
import io.smartcloudops.chat.internal.nlu.SlotPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ForecastAnswersTest {

    private static final SeriesId CPU_APP = SeriesId.of("node_cpu_usage_percent", Labels.of("host", "app-1"));
    private static final SeriesId DISK_APP = SeriesId.of("node_disk_used_percent", Labels.of("host", "app-1"));
    private static final String MODEL = "seasonal Holt-Winters (no season; trend significant)";

    private static ForecastAnswers over(OpsView view) {
        return new ForecastAnswers(view, new ReadScope(view, CLOCK));
    }

    /** The fake deployment with its forecaster replaced by {@code answer}. */
    private static FakeOpsView forecasting(Function<SeriesId, Optional<SeriesForecast>> answer) {
        return new FakeOpsView(T0) {
            @Override
            public Optional<SeriesForecast> forecast(SeriesId series, Duration horizon, double threshold) {
                return answer.apply(series);
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> onlyRow(Reply r) {
        List<Map<String, Object>> rows = (List<Map<String, Object>>) r.data().get("forecasts");
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    @Test
    void asksWhichMetricWhenNoneIsNamed() {
        Reply r = over(new FakeOpsView(T0)).forecast(ask(Intent.FORECAST, HOST, "app-1"));

        assertThat(r.answer()).startsWith("Which metric should I project?");
        assertThat(r.data()).containsEntry("clarify", true);
    }

    @Test
    void saysSoWhenNoWatchedSeriesMatches() {
        assertThat(over(new FakeOpsView(T0)).forecast(ask(Intent.FORECAST, METRIC, "memory", HOST, "app-1")))
                .isEqualTo(Reply.of(
                        "I watch no series for memory on app-1, so I cannot project it.", Map.of("series", List.of())));
    }

    @Test
    void projectsADayAheadByDefaultWithBandsAndWhenItReachesItsLimit() {
        Reply r = over(new FakeOpsView(T0)).forecast(ask(Intent.FORECAST, METRIC, "disk", HOST, "app-1"));

        assertThat(r.answer())
                .isEqualTo(DISK_APP + ": now 80.50%, in 1d about 100% (80%: 97.50–100; 95%: 93.25–100);"
                        + " reaches 100% at 2026-11-27T16:00:00Z (in 6h; 80%: 5h to 8h) [" + MODEL + "].");
        assertThat(onlyRow(r))
                .containsEntry("series", DISK_APP.toString())
                .containsEntry("horizon", "PT24H")
                .containsEntry("now", 80.5)
                .containsEntry("projected", 100.0)
                .containsEntry("lower80", 97.5)
                .containsEntry("upper80", 100.0)
                .containsEntry("lower95", 93.25)
                .containsEntry("upper95", 100.0)
                .containsEntry("samples", 61)
                .containsEntry("model", MODEL)
                .containsEntry("threshold", 100.0)
                .containsEntry("reachesAt", "2026-11-27T16:00:00Z")
                .containsEntry("reachesEarliest", "2026-11-27T15:00:00Z")
                .containsEntry("reachesLatest", "2026-11-27T18:00:00Z");
    }

    @Test
    void saysWhenTheLimitIsNotReachedWithinTheAskedHorizon() {
        Reply r = over(new FakeOpsView(T0))
                .forecast(ask(Intent.FORECAST, METRIC, "cpu", HOST, "app-1", SlotPolicy.HORIZON, "PT2H"));

        assertThat(r.answer())
                .isEqualTo(CPU_APP + ": now 55%, in 2h about 55% (80%: 50–60; 95%: 47–63);"
                        + " not expected to reach 100% within 2h [" + MODEL + "].");
        assertThat(onlyRow(r)).containsEntry("horizon", "PT2H").containsEntry("reachesAt", "not within the horizon");
    }

    @Test
    void mentionsWhenOnlyTheBandReachesTheLimit() {
        FakeOpsView view = forecasting(s -> Optional.of(new SeriesForecast.Projection(
                s,
                T0,
                70,
                Duration.ofMinutes(1),
                MetricRange.of(s),
                List.of(new ForecastPoint(T0.plus(Duration.ofDays(1)), 90, 80, 100, 75, 100)),
                Optional.of(new ThresholdCrossing(
                        100,
                        Optional.empty(),
                        Optional.of(T0.plus(Duration.ofHours(20))),
                        Optional.empty(),
                        T0.plus(Duration.ofDays(1)))),
                "linear",
                30)));

        Reply r = over(view).forecast(ask(Intent.FORECAST, METRIC, "disk"));

        assertThat(r.answer())
                .endsWith("; not expected to reach 100% within 1d (though its 80% band does in 20h) [linear].");
    }

    @Test
    void saysWhatHistoryItNeedsWhenTheForecasterRefuses() {
        SeriesForecast.Refused refused =
                new SeriesForecast.Refused(DISK_APP, 20, 3, Duration.ofSeconds(95), Duration.ofSeconds(10));
        FakeOpsView view = forecasting(s -> Optional.of(refused));

        Reply r = over(view).forecast(ask(Intent.FORECAST, METRIC, "disk"));

        assertThat(r.answer()).isEqualTo(DISK_APP + ": too little history to forecast: " + refused.reason() + ".");
        assertThat(refused.reason()).contains("at least 20 samples").contains("there are 3");
        assertThat(onlyRow(r))
                .containsEntry("refused", refused.reason())
                .containsEntry("neededSamples", 20)
                .containsEntry("availableSamples", 3)
                .doesNotContainKey("projected");
    }

    @Test
    void saysSoWhenNoForecasterHoldsTheSeries() {
        Reply r = over(forecasting(s -> Optional.empty())).forecast(ask(Intent.FORECAST, METRIC, "disk"));

        assertThat(r.answer())
                .isEqualTo(DISK_APP + ": this agent cannot forecast it (no forecaster holds its history).");
        assertThat(onlyRow(r)).containsEntry("unavailable", true);
    }
}
