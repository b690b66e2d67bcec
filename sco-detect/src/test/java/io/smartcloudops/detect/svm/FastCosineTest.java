package io.smartcloudops.detect.svm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FastCosineTest {

    @Test
    void agreesWithTheLibraryCosineOverTheArgumentsFeaturesSee() {
        SplittableRandom r = new SplittableRandom(7);
        double worst = 0;
        for (int i = 0; i < 200_000; i++) {
            double x = (r.nextDouble() - 0.5) * (i % 2 == 0 ? 40 : 4000);
            worst = Math.max(worst, Math.abs(FastCosine.cos(x) - Math.cos(x)));
        }
        assertThat(worst).isLessThan(1e-12);
    }

    @Test
    void handsUnreducibleArgumentsToTheLibrary() {
        assertThat(FastCosine.cos(Double.NaN)).isNaN();
        assertThat(FastCosine.cos(Double.POSITIVE_INFINITY)).isNaN();
        assertThat(FastCosine.cos(1e12)).isEqualTo(Math.cos(1e12));
        assertThat(FastCosine.cos(0.0)).isEqualTo(1.0);
    }
}
