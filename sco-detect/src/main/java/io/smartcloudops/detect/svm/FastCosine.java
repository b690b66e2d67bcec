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

    /** The bits of {@code 1.0}; with the sign bit set, those of {@code -1.0}. */
    private static final long ONE = Double.doubleToRawLongBits(1.0);

    /**
     * Replaces {@code work[from + f]} by {@link #cos}{@code (work[from + f] + phase[f])} for every {@code f}
     * of {@code phase}, with {@code reduced} (at least twice as long as {@code phase}) as scratch. Two
     * passes: the first reduces every argument to {@code z = r * r} and the sign {@code +-1.0} its cosine
     * takes, into {@code reduced}; the second, a plain loop of multiplications and additions from that
     * array into {@code work}, sums every polynomial and multiplies it by its sign; the compiler unrolls
     * it and the processor keeps several features' polynomials in flight at once (one polynomial's ten
     * dependent steps after another's, even two side by side, were a fifth of the ensemble's cost; it is
     * not vectorised: as fast with {@code -XX:-UseSuperWord}). The same operations on each
     * feature as {@link #cos}, so the same bits: the sign flip there and the multiplication by
     * {@code -1.0} here are both exactly a negation.
     */
    static void cosines(double[] work, int from, double[] phase, double[] reduced) {
        int n = phase.length;
        for (int f = 0; f < n; f++) {
            double x = work[from + f] + phase[f];
            if (!(Math.abs(x) < REDUCIBLE)) {
                // beyond the reduction (a runaway value): the library's cosine for every feature, one at a time
                for (int g = 0; g < n; g++) {
                    work[from + g] = cos(work[from + g] + phase[g]);
                }
                return;
            }
            double k = Math.rint(x * INVERSE_TWO_PI);
            double r0 = Math.abs((x - k * TWO_PI_HIGH) - k * TWO_PI_LOW);
            long beyond = Double.doubleToRawLongBits(HALF_PI - r0) >> 63;
            double r = Double.longBitsToDouble(
                    (Double.doubleToRawLongBits(Math.PI - r0) & beyond) | (Double.doubleToRawLongBits(r0) & ~beyond));
            reduced[f] = r * r;
            reduced[n + f] = Double.longBitsToDouble(ONE | (beyond & Long.MIN_VALUE));
        }
        for (int f = 0; f < n; f++) {
            work[from + f] = series(reduced[f]) * reduced[n + f];
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
