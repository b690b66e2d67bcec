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

    /**
     * Replaces {@code work[from + f]} by {@link #cos}{@code (work[from + f] + phase[f])} for every {@code f}
     * of {@code phase}, two at a time: the same operations on each, so the same bits, with two independent
     * chains of the polynomial's dependent steps side by side where one waited for the next.
     */
    static void cosines(double[] work, int from, double[] phase) {
        int n = phase.length;
        int f = 0;
        for (; f + 2 <= n; f += 2) {
            double x0 = work[from + f] + phase[f];
            double x1 = work[from + f + 1] + phase[f + 1];
            if (!(Math.abs(x0) < REDUCIBLE) || !(Math.abs(x1) < REDUCIBLE)) {
                work[from + f] = cos(x0);
                work[from + f + 1] = cos(x1);
                continue;
            }
            double k0 = Math.rint(x0 * INVERSE_TWO_PI);
            double k1 = Math.rint(x1 * INVERSE_TWO_PI);
            double reduced0 = Math.abs((x0 - k0 * TWO_PI_HIGH) - k0 * TWO_PI_LOW);
            double reduced1 = Math.abs((x1 - k1 * TWO_PI_HIGH) - k1 * TWO_PI_LOW);
            long beyond0 = Double.doubleToRawLongBits(HALF_PI - reduced0) >> 63;
            long beyond1 = Double.doubleToRawLongBits(HALF_PI - reduced1) >> 63;
            double r0 = Double.longBitsToDouble((Double.doubleToRawLongBits(Math.PI - reduced0) & beyond0)
                    | (Double.doubleToRawLongBits(reduced0) & ~beyond0));
            double r1 = Double.longBitsToDouble((Double.doubleToRawLongBits(Math.PI - reduced1) & beyond1)
                    | (Double.doubleToRawLongBits(reduced1) & ~beyond1));
            double c0 = series(r0 * r0);
            double c1 = series(r1 * r1);
            work[from + f] = Double.longBitsToDouble(Double.doubleToRawLongBits(c0) ^ (beyond0 & Long.MIN_VALUE));
            work[from + f + 1] = Double.longBitsToDouble(Double.doubleToRawLongBits(c1) ^ (beyond1 & Long.MIN_VALUE));
        }
        for (; f < n; f++) {
            work[from + f] = cos(work[from + f] + phase[f]);
        }
    }

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
        double c = series(z);
        return Double.longBitsToDouble(Double.doubleToRawLongBits(c) ^ (beyond & Long.MIN_VALUE));
    }

    /** The Taylor series of the cosine at {@code r} to the 18th order, in {@code z = r * r}, by Horner's rule. */
    private static double series(double z) {
        return 1.0
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
    }
}
