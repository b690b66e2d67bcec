package io.smartcloudops.detect.seasonal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class IntervalCalibrationTest {
    private static double[] oneToN(int n) {
        return IntStream.rangeClosed(1, n).asDoubleStream().toArray();
    }

    @Test
    void theFactorsAreTheFiniteSampleConformalQuantilesOfTheScores() {
        // 99 scores 1..99 in any order: ceil(100 * 0.8) = 80th and ceil(100 * 0.95) = 95th smallest
        double[] shuffled = oneToN(99);
        for (int i = 0; i < shuffled.length; i += 2) {
            double t = shuffled[i];
            shuffled[i] = shuffled[shuffled.length - 1 - i];
            shuffled[shuffled.length - 1 - i] = t;
        }

        IntervalCalibration c = IntervalCalibration.of(new int[] {1}, new double[][] {shuffled});

        assertThat(c.z80(1)).isEqualTo(80.0);
        assertThat(c.z95(1)).isEqualTo(95.0);
    }

    @Test
    void aLeadWithTooFewScoresForALevelKeepsTheNormalFactorThere() {
        // 10 scores: the 80% quantile is the 9th smallest, but a 95% one would need the 11th of 10
        IntervalCalibration few = IntervalCalibration.of(new int[] {1}, new double[][] {oneToN(10)});
        IntervalCalibration none = IntervalCalibration.of(new int[] {1}, new double[][] {new double[0]});

        assertThat(few.z80(1)).isEqualTo(9.0);
        assertThat(few.z95(1)).as("never narrower than the 80%% interval").isEqualTo(9.0);
        assertThat(none.z80(1)).isEqualTo(IntervalCalibration.NORMAL_Z80);
        assertThat(none.z95(1)).isEqualTo(IntervalCalibration.NORMAL_Z95);
    }

    @Test
    void betweenMeasuredLeadsTheFactorsAreInterpolatedInTheLogarithmOfTheLead() {
        IntervalCalibration c = new IntervalCalibration(
                new int[] {1, 4, 16}, new double[] {1.0, 2.0, 4.0}, new double[] {2.0, 3.0, 5.0});

        assertThat(c.z80(1)).isEqualTo(1.0);
        assertThat(c.z80(2)).isCloseTo(1.5, within(1e-12));
        assertThat(c.z80(8)).isCloseTo(3.0, within(1e-12));
        assertThat(c.z95(16)).isEqualTo(5.0);
        assertThat(c.z80(1_000))
                .as("past the last lead the model's own growth carries on")
                .isEqualTo(4.0);
    }

    @Test
    void withoutCalibrationTheFactorsAreTheNormalOnes() {
        IntervalCalibration c = IntervalCalibration.normal();

        assertThat(c.z80(1)).isCloseTo(1.2816, within(1e-4));
        assertThat(c.z95(48)).isCloseTo(1.9600, within(1e-4));
    }
}
