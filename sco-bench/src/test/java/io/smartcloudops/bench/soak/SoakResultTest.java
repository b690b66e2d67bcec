package io.smartcloudops.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SoakResultTest {
    @Test
    void heapSlopeIsMibPerMinuteIgnoringTheFirstReading() {
        // first reading before the steady state; then +2 MiB every 30 s = 4 MiB/min
        SoakResult r = new SoakResult(
                "default",
                10_000,
                2,
                List.of(
                        new SoakSample(30, 0.5, 100, 300_000, 0, 0),
                        new SoakSample(60, 0.5, 200, 600_000, 0, 0),
                        new SoakSample(90, 0.5, 202, 900_000, 0, 0),
                        new SoakSample(120, 0.5, 204, 1_200_000, 0, 0)));

        assertThat(r.heapSlopeMiBPerMinute()).isCloseTo(4.0, within(1e-9));
        assertThat(r.cpuSlopePerMinute()).isCloseTo(0.0, within(1e-12));
        assertThat(r.meanCpuCores()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void hasNoTrendFromASingleReading() {
        SoakResult r = new SoakResult("default", 10, 0.5, List.of(new SoakSample(30, 0.1, 50, 300, 0, 0)));

        assertThat(r.cpuSlopePerMinute()).isNaN();
        assertThat(r.heapSlopeMiBPerMinute()).isNaN();
    }
}
