package io.smartcloudops.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.detect.Direction;
import io.smartcloudops.api.metric.SeriesId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DirectionsTest {
    @Test
    void defaultsWatchRisesOfCpuLoadLatencyAndErrorsAndBothWaysElse() {
        Directions d = Directions.defaults();
        assertThat(d.of(SeriesId.of("node_cpu_usage_percent"))).isEqualTo(Direction.UP);
        assertThat(d.of(SeriesId.of("http_request_latency_ms"))).isEqualTo(Direction.UP);
        assertThat(d.of(SeriesId.of("node_load1"))).isEqualTo(Direction.UP);
        assertThat(d.of(SeriesId.of("node_memory_usage_percent"))).isEqualTo(Direction.BOTH);
    }

    @Test
    void theFirstMatchingPatternWinsAndPatternsMatchTheWholeName() {
        Map<String, Direction> patterns = new LinkedHashMap<>();
        patterns.put("free_.*", Direction.DOWN);
        patterns.put(".*bytes.*", Direction.UP);
        Directions d = Directions.of(patterns);
        assertThat(d.of(SeriesId.of("free_bytes"))).isEqualTo(Direction.DOWN);
        assertThat(d.of(SeriesId.of("sent_bytes_total"))).isEqualTo(Direction.UP);
        assertThat(d.of(SeriesId.of("node_free_memory")))
                .as("'free_.*' must match from the start")
                .isEqualTo(Direction.BOTH);
    }

    @Test
    void badPatternsAndWordsAreConfigErrorsNamingThem() {
        assertThatThrownBy(() -> Directions.of(Map.of("(unclosed", Direction.UP)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("(unclosed");
        assertThatThrownBy(() -> Directions.parse("detection.directions.x", "sideways"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("detection.directions.x")
                .hasMessageContaining("sideways");
    }
}
