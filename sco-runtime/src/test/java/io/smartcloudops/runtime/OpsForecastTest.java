package io.smartcloudops.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.forecast.SeriesForecast;
import io.smartcloudops.api.forecast.ThresholdCrossing;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.detect.seasonal.SeasonalSeriesForecaster;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpsForecastTest {
    private static final String RULES = """
            groups: []
            """;

    @TempDir
    Path dir;

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T00:00:00Z"));
    private final SeriesId disk = SeriesId.of("node_disk_used_percent", Labels.of("host", "app"));

    private Ops loop() {
        return loop(SeriesLimits.DEFAULT_HOURLY_HISTORY);
    }

    private Ops loop(int hourlyHistory) {
        return Ops.builder()
                .dataDir(dir)
                .clock(now::get)
                .rules("test.yml", RULES)
                .notifiers(Map.of())
                .checkpointInterval(Duration.ZERO)
                .hourlyHistory(hourlyHistory)
                .build();
    }

    /** Three weeks of a daily season, sampled every five minutes. */
    private void threeWeeksOfADailySeason(Ops ops, SeriesId latency) {
        Instant start = now.get();
        for (int i = 0; i < 21 * 24 * 12; i++) {
            now.set(start.plusSeconds(300L * i));
            double hour = i / 12.0;
            ops.ingest(new Sample(latency, now.get().toEpochMilli(), 100 + 30 * Math.sin(2 * Math.PI * hour / 24)));
        }
    }

    @Test
    void withoutHourlyHistoryADayAheadComesFromTheRecentPointsAndSaysSo() {
        SeriesId latency = SeriesId.of("request_latency_ms", Labels.of("host", "app"));
        try (Ops ops = loop(0)) {
            threeWeeksOfADailySeason(ops, latency);

            SeriesForecast.Projection p = (SeriesForecast.Projection)
                    ops.forecast(latency, Duration.ofDays(1)).orElseThrow();

            assertThat(p.model())
                    .contains("keeps no hourly history")
                    .contains("detection.hourly_history")
                    .doesNotContain("season of 24 samples");
            assertThat(p.step()).isEqualTo(Duration.ofMinutes(5));
            // a horizon the recent points span is answered as before, with no such note
            SeriesForecast.Projection shortOne = (SeriesForecast.Projection)
                    ops.forecast(latency, Duration.ofMinutes(10)).orElseThrow();
            assertThat(shortOne.model()).doesNotContain("hourly history");
        }
    }

    @Test
    void fewerHoursThanAForecastNeedsAreNeverUsedAndTheAnswerSaysSo() {
        SeriesId latency = SeriesId.of("request_latency_ms", Labels.of("host", "app"));
        try (Ops ops = loop(SeasonalSeriesForecaster.MIN_SAMPLES - 1)) {
            threeWeeksOfADailySeason(ops, latency);

            SeriesForecast.Projection p = (SeriesForecast.Projection)
                    ops.forecast(latency, Duration.ofDays(1)).orElseThrow();

            assertThat(p.model())
                    .contains("keeps " + (SeasonalSeriesForecaster.MIN_SAMPLES - 1) + " hours of hourly history")
                    .doesNotContain("season of 24 samples");
        }
    }

    /** A disk filling at 24% a day from 80%, sampled every 5 s for {@code samples} samples. */
    private void fill(Ops ops, int samples) {
        Instant start = now.get();
        for (int i = 0; i < samples; i++) {
            now.set(start.plusSeconds(5L * i));
            ops.ingest(new Sample(disk, now.get().toEpochMilli(), 80 + 24.0 * 5 * i / 86_400));
        }
    }

    @Test
    void aFreshlyStartedLoopRefusesToForecastFromFifteenSeconds() {
        try (Ops ops = loop()) {
            fill(ops, 3);

            SeriesForecast f = ops.forecast(disk, Duration.ofDays(1)).orElseThrow();

            assertThat(f).isInstanceOf(SeriesForecast.Refused.class);
            assertThat(((SeriesForecast.Refused) f).availableSamples()).isEqualTo(3);
        }
    }

    @Test
    void fiveMinutesOfAFillingDiskSayWhenItReaches100Percent() {
        try (Ops ops = loop()) {
            fill(ops, 60);

            SeriesForecast.Projection p = (SeriesForecast.Projection)
                    ops.forecast(disk, Duration.ofDays(1)).orElseThrow();

            ThresholdCrossing c = p.crossing().orElseThrow();
            assertThat(c.threshold()).isEqualTo(100.0);
            // 20 points at 24 a day: about 20 h, a little later for the trend's damping
            Duration in = Duration.between(p.from(), c.at().orElseThrow());
            assertThat(in).isBetween(Duration.ofHours(19), Duration.ofHours(23));
            assertThat(p.points())
                    .allSatisfy(point -> assertThat(point.upper95()).isLessThanOrEqualTo(100.0));
            assertThat(ops.view().forecast(disk, Duration.ofDays(1))).contains(p);
        }
    }

    @Test
    void anUnknownSeriesHasNoForecast() {
        try (Ops ops = loop()) {
            assertThat(ops.forecast(SeriesId.of("never_seen"), Duration.ofHours(1)))
                    .isEmpty();
        }
    }

    @Test
    void aDayAheadAfterThreeWeeksSeesTheDailySeasonInTheHourlyHistory() {
        SeriesId latency = SeriesId.of("request_latency_ms", Labels.of("host", "app"));
        try (Ops ops = loop()) {
            Instant start = now.get();
            for (int i = 0; i < 21 * 24 * 12; i++) {
                now.set(start.plusSeconds(300L * i));
                double hour = i / 12.0;
                ops.ingest(new Sample(latency, now.get().toEpochMilli(), 100 + 30 * Math.sin(2 * Math.PI * hour / 24)));
            }

            SeriesForecast.Projection p = (SeriesForecast.Projection)
                    ops.forecast(latency, Duration.ofDays(1)).orElseThrow();

            assertThat(p.model()).contains("season of 24 samples");
            assertThat(p.step()).isEqualTo(Duration.ofHours(1));
            double high =
                    p.points().stream().mapToDouble(point -> point.mean()).max().orElseThrow();
            double low =
                    p.points().stream().mapToDouble(point -> point.mean()).min().orElseThrow();
            assertThat(high - low).isBetween(50.0, 65.0);
            // an hour's raw points still answer an hour-long question
            SeriesForecast.Projection shortOne = (SeriesForecast.Projection)
                    ops.forecast(latency, Duration.ofMinutes(10)).orElseThrow();
            assertThat(shortOne.step()).isEqualTo(Duration.ofMinutes(5));
        }
    }
}
