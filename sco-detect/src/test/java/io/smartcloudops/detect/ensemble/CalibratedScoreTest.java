package io.smartcloudops.detect.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CalibratedScoreTest {
    @Test
    void theShippedThresholdIsAConfidentAlarm() {
        assertThat(EnsembleDetector.toScore(EnsembleParameters.defaults().quietSurprisal()))
                .isCloseTo(0.95, within(1e-12));
    }

    @Test
    void documentedLevelsMatchTheirSurprisals() {
        // 0.5: one in 2,300; 0.9: one in 15,000; 0.99: one in 160,000
        assertThat(EnsembleDetector.toScore(Math.log10(2_300))).isCloseTo(0.5, within(0.01));
        assertThat(EnsembleDetector.toScore(Math.log10(15_000))).isCloseTo(0.9, within(0.01));
        assertThat(EnsembleDetector.toScore(Math.log10(160_000))).isCloseTo(0.99, within(0.001));
        assertThat(EnsembleDetector.toScore(0)).isLessThan(1e-100);
        assertThat(EnsembleDetector.toScore(9))
                .isGreaterThan(EnsembleDetector.toScore(8))
                .isLessThanOrEqualTo(1.0);
    }
}
