package io.smartcloudops.server.link;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import io.smartcloudops.api.forecast.ForecastPoint;
import io.smartcloudops.api.forecast.MetricRange;
import io.smartcloudops.api.forecast.SeriesForecast;
import io.smartcloudops.api.forecast.ThresholdCrossing;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.SeriesId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ForecastWireTest {
    private final LinkCodec codec = new LinkCodec();
    private final SeriesId disk = SeriesId.of("node_disk_used_percent", Labels.of("host", "app"));
    private final Instant now = Instant.parse("2026-12-06T12:00:00Z");

    private SeriesForecast roundTrip(SeriesForecast f) {
        List<ForecastWire> back = codec.read(codec.write(RemoteOpsView.wire(Optional.of(f))), new TypeReference<>() {});
        return back.get(0).toForecast();
    }

    @Test
    void aProjectionWithACrossingCrossesTheLinkUnchanged() {
        SeriesForecast p = new SeriesForecast.Projection(
                disk,
                now,
                80.5,
                Duration.ofSeconds(5),
                MetricRange.PERCENT,
                List.of(new ForecastPoint(now.plus(Duration.ofDays(1)), 100, 97, 100, 93, 100)),
                Optional.of(new ThresholdCrossing(
                        100,
                        Optional.of(now.plus(Duration.ofHours(6))),
                        Optional.of(now.plus(Duration.ofHours(5))),
                        Optional.empty(),
                        now.plus(Duration.ofDays(1)))),
                "seasonal Holt-Winters",
                60);

        assertThat(roundTrip(p)).isEqualTo(p);
    }

    @Test
    void anUnboundedProjectionWithoutAThresholdAndARefusalCrossItToo() {
        SeriesForecast p = new SeriesForecast.Projection(
                disk,
                now,
                3,
                Duration.ofMinutes(1),
                MetricRange.UNBOUNDED,
                List.of(new ForecastPoint(now.plusSeconds(60), 3, 2, 4, 1, 5)),
                Optional.empty(),
                "m",
                30);
        SeriesForecast r = new SeriesForecast.Refused(disk, 20, 3, Duration.ofSeconds(95), Duration.ofSeconds(10));

        assertThat(roundTrip(p)).isEqualTo(p);
        assertThat(roundTrip(r)).isEqualTo(r);
        assertThat(RemoteOpsView.wire(Optional.empty())).isEmpty();
    }
}
