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

    @Test
    void cosinesOfAShingleHaveTheBitsOfOneCosineAtATime() {
        // the batched form must be the per-feature cosine to the last bit, odd lengths and runaway values included
        SplittableRandom r = new SplittableRandom(11);
        for (int n : new int[] {1, 2, 7, 24, 25}) {
            double[] phase = new double[n];
            double[] reduced = new double[2 * n];
            for (int trial = 0; trial < 2_000; trial++) {
                double[] work = new double[3 + n];
                for (int f = 0; f < n; f++) {
                    phase[f] = r.nextDouble() * 2 * Math.PI;
                    work[3 + f] = (r.nextDouble() - 0.5) * 80;
                }
                if (trial % 500 == 1) {
                    work[3 + r.nextInt(n)] = trial % 1000 == 1 ? 1e12 : Double.NaN;
                }
                double[] expected = work.clone();
                for (int f = 0; f < n; f++) {
                    expected[3 + f] = FastCosine.cos(work[3 + f] + phase[f]);
                }
                FastCosine.cosines(work, 3, phase, reduced);
                for (int f = 0; f < work.length; f++) {
                    assertThat(Double.doubleToRawLongBits(work[f]))
                            .as("n %d feature %d", n, f)
                            .isEqualTo(Double.doubleToRawLongBits(expected[f]));
                }
            }
        }
    }
}
