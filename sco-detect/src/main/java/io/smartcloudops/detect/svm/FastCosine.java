package io.smartcloudops.detect.svm;

/**
 * A cosine within about {@code 1e-12} of {@link Math#cos} for the arguments random Fourier features
 * produce, at a fraction of its cost: the argument is reduced to {@code [0, pi/2]} by periodicity and
 * symmetry and the Taylor series is summed there to the 18th order (truncation below {@code 1e-12}).
 * Scoring uses it; training, once per series, keeps {@link Math#cos}, because liblinear's solver turns
 * even last-bit differences in its input into slightly different weights.
 */
final class FastCosine {
    private static final double TWO_PI_HIGH = 6.28318530717958623200e+00;
    private static final double TWO_PI_LOW = 2.44929359829470635445e-16;
    private static final double INVERSE_TWO_PI = 1 / (2 * Math.PI);
    private static final double HALF_PI = Math.PI / 2;
    /** Beyond this the reduction loses precision; such arguments go to the library. */
    private static final double REDUCIBLE = 1e9;

    private FastCosine() {}

    static double cos(double x) {
        if (!(Math.abs(x) < REDUCIBLE)) {
            return Math.cos(x);
        }
        double k = Math.rint(x * INVERSE_TWO_PI);
        double reduced = Math.abs((x - k * TWO_PI_HIGH) - k * TWO_PI_LOW);
        // reduced in [0, pi]; cos(r) = -cos(pi - r). Whether r > pi/2 is a coin flip for random phases, so it is
        // selected with bits, not a branch that mispredicts half the time: the sign of pi/2 - r is set exactly
        // when r > pi/2 (a difference of two distinct doubles is never 0), and negating is flipping the sign bit
        long beyond = Double.doubleToRawLongBits(HALF_PI - reduced) >> 63;
        double r = Double.longBitsToDouble((Double.doubleToRawLongBits(Math.PI - reduced) & beyond)
                | (Double.doubleToRawLongBits(reduced) & ~beyond));
        double z = r * r;
        double c = 1.0
                + z
                        * (-1.0 / 2
                                + z
                                        * (1.0 / 24
                                                + z
                                                        * (-1.0 / 720
                                                                + z
                                                                        * (1.0 / 40320
                                                                                + z
                                                                                        * (-1.0 / 3628800
                                                                                                + z
                                                                                                        * (1.0
                                                                                                                        / 479001600
                                                                                                                + z
                                                                                                                        * (-1.0
                                                                                                                                        / 87178291200.0
                                                                                                                                + z
                                                                                                                                        * (1.0
                                                                                                                                                        / 20922789888000.0
                                                                                                                                                + z
                                                                                                                                                        * (-1.0
                                                                                                                                                                / 6402373705728000.0)))))))));
        return Double.longBitsToDouble(Double.doubleToRawLongBits(c) ^ (beyond & Long.MIN_VALUE));
    }
}
