package io.smartcloudops.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JmhRowTest {
    private static final String COST = "io.smartcloudops.bench.detect.DetectorCostBenchmark.replay";
    private static final String THROUGHPUT = "io.smartcloudops.bench.detect.SeriesThroughputBenchmark.ingest";

    @Test
    void costRowBecomesNanosecondsPerPointOfItsDetector() {
        CostFigure f = CostFigure.of(
                new JmhRow(COST, Map.of("detector", "rcf", "dataDir", "/nab"), 85_083.4, 1_200.5, "ns/op"));

        assertThat(f).isEqualTo(new CostFigure("rcf", 85_083.4, 1_200.5));
    }

    @Test
    void throughputRowBecomesSamplesPerSecondAtItsSeriesCount() {
        ThroughputFigure f = ThroughputFigure.of(new JmhRow(
                THROUGHPUT,
                Map.of("detector", "default", "series", "100000", "dataDir", ""),
                210_000,
                Double.NaN,
                "ops/s"));

        assertThat(f.series()).isEqualTo(100_000);
        assertThat(f.detector()).isEqualTo("default");
        assertThat(f.samplesPerSecond()).isEqualTo(210_000);
        assertThat(f.error()).isNaN();
    }

    @Test
    void refusesAResultInAnotherUnit() {
        assertThatThrownBy(() -> CostFigure.of(new JmhRow(COST, Map.of("detector", "ewma"), 1.0, 0, "ops/s")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ns/op");
    }

    @Test
    void namesTheParametersItHasWhenOneIsMissing() {
        JmhRow row = new JmhRow(THROUGHPUT, Map.of("detector", "default"), 1.0, 0, "ops/s");

        assertThatThrownBy(() -> ThroughputFigure.of(row))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("series")
                .hasMessageContaining("[detector]");
    }
}
