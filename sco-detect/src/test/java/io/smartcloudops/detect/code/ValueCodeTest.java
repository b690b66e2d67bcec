package io.smartcloudops.detect.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ValueCodeTest {

    private final ValueCode code = ValueCode.around(50.0, 10.0);

    @Test
    void keepsTheOrderOfValues() {
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 10_000; i++) {
            double a = 50 + r.nextGaussian() * Math.pow(10, r.nextInt(-3, 6));
            double b = 50 + r.nextGaussian() * Math.pow(10, r.nextInt(-3, 6));
            if (a < b) {
                assertThat(code.code(a)).isLessThanOrEqualTo(code.code(b));
            } else {
                assertThat(code.code(a)).isGreaterThanOrEqualTo(code.code(b));
            }
        }
    }

    @Test
    // up to about 2e6 times the magnitude it was made for (ValueCode.around): beyond, the forest widens its code
    void decodesWithinATenthOfAPercentOfTheDistanceFromTheCentre() {
        for (double x : new double[] {50.5, 49.0, 61.0, 150.0, -3_000.0, 1e6, 5e7}) {
            assertThat(code.decode(code.code(x))).isCloseTo(x, within(Math.abs(x - 50.0) * 1e-3 + 1e-9));
        }
    }

    @Test
    void tellsNotANumberApartAndClampsWhatItCannotHold() {
        assertThat(code.code(Double.NaN)).isEqualTo(ValueCode.NAN);
        assertThat(code.decode(ValueCode.NAN)).isNaN();
        assertThat(code.holds(1e300)).isFalse();
        assertThat(code.code(1e300)).isEqualTo((short) ValueCode.MAX);
        assertThat(code.code(-1e300)).isEqualTo((short) -ValueCode.MAX);
        assertThat(code.holds(1e6)).isTrue();
    }

    @Test
    void refusesAScaleThatCannotCode() {
        assertThatThrownBy(() -> new ValueCode(0.0, 0.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ValueCode(Double.NaN, 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ValueCode.around(0.0, 0.0).scale()).isPositive();
    }
}
