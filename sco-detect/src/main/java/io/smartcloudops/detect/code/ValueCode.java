package io.smartcloudops.detect.code;

/**
 * A monotone 16-bit code of a series' values: {@code K * asinh((x - center) / scale)}, rounded, with
 * {@link #NAN} for a value that is not a number. Near the centre the code is linear (steps of {@code
 * scale / K}); further out it is logarithmic, a step being {@code 1/K} (0.1%) of the distance from the
 * centre, so a spike a million times the noise is still told apart from the noise where a linear code
 * over the whole range would merge the noise into one step. Being monotone, it keeps the order of values,
 * which is all a cut point needs; distances are taken on decoded values. {@link StrictMath} keeps a
 * code the same on every JVM, as a restored forest must see the codes its snapshot was taken with.
 * The forest codes its reservoir and cut points with it, the agent its hourly means.
 *
 * @param center the value coded 0
 * @param scale the width of the linear region about the centre
 */
public record ValueCode(double center, double scale) {
    /** Codes per unit of {@code asinh}: codes cover {@code |x - center|} up to {@code sinh(32) * scale}, about 4e13 scales. */
    public static final double K = 1024;

    public static final short NAN = Short.MIN_VALUE;
    public static final int MAX = Short.MAX_VALUE;
    /** Of a scale: about 2e6 times the series' magnitude or spread fit before the code must widen. */
    private static final double FINE = 0x1p-24;

    public ValueCode {
        if (!(scale > 0) || Double.isInfinite(scale) || !Double.isFinite(center)) {
            throw new IllegalArgumentException(
                    "a value code needs a finite centre and a positive finite scale, not " + center + " and " + scale);
        }
    }

    /** The code for a series whose values are about {@code magnitude} apart or away from {@code center}. */
    public static ValueCode around(double center, double magnitude) {
        double size = Math.max(Math.abs(center), magnitude);
        return new ValueCode(center, size > 0 && Double.isFinite(size) ? size * FINE : FINE);
    }

    /** The unrounded code of {@code x} (NaN for NaN, beyond {@link #MAX} for values the code cannot hold). */
    public double exact(double x) {
        double u = (x - center) / scale;
        double a = Math.abs(u);
        double asinh = StrictMath.log(a + StrictMath.sqrt(a * a + 1));
        return Math.copySign(K * asinh, u);
    }

    /** Whether {@code x} has a code of its own, not clamped to the end of the range. */
    public boolean holds(double x) {
        return holds(x, exact(x));
    }

    /** {@link #holds(double)} of {@code x} whose {@link #exact} code is {@code exact}: a forest codes each value once. */
    public boolean holds(double x, double exact) {
        return !Double.isFinite(x) || Math.abs(exact) <= MAX;
    }

    public short code(double x) {
        return code(x, exact(x));
    }

    /** {@link #code(double)} of {@code x} whose {@link #exact} code is {@code exact}. */
    public short code(double x, double exact) {
        if (x != x) {
            return NAN;
        }
        return (short) Math.max(-MAX, Math.min(MAX, Math.round(exact)));
    }

    public double decode(short code) {
        return code == NAN ? Double.NaN : decode((double) code);
    }

    /** The value at a fractional code: a threshold between two codes. */
    public double decode(double code) {
        return center + scale * StrictMath.sinh(code / K);
    }
}
