package io.smartcloudops.detect.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class DeviationPhrasesTest {
    @Test
    void phrasesReadAsTheFormattedNumberWouldAtEveryScale() {
        for (double z : new double[] {0, 0.04, 0.26, 1.0, 2.55, 7.349, 19.96, 20.04, 35.5, 1e9}) {
            String expected =
                    String.format(Locale.ROOT, "%.1f standard deviations above the mean", Math.round(z * 10) / 10.0);
            assertThat(DeviationPhrases.of(z, true)).as("z=" + z).isEqualTo(expected);
        }
        assertThat(DeviationPhrases.of(3.04, false)).isEqualTo("3.0 standard deviations below the mean");
        assertThat(DeviationPhrases.of(Double.POSITIVE_INFINITY, true)).contains("Infinity");
    }
}
