package io.smartcloudops.detect.ensemble;

import io.smartcloudops.api.detect.Direction;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * How far the last few values all stand from the forecast made before the first of them, in units of
 * the one-step error scale of that moment: the smallest of their deviations when all lie on one side,
 * else 0. On a heavy-tailed series a spike of two or three samples, or the first minutes of a level
 * shift of a few noise widths, is no rarer than the series' own single outliers (one residual in a
 * thousand beyond 8 scales), but several outliers in a row on one side are far rarer than one when the
 * noise is independent; where it is not (a series whose residuals come in runs), the member's tail fit
 * learns that from the series' own history and it stays quiet. The values are judged against the
 * earlier forecast and scale because the forecaster moves towards the first outlier and its error
 * scale grows with it, which halved the next one's residual. A ring of {@code length} values,
 * forecasts and scales; O(length) a sample.
 */
final class RunDeviation {
    private final double[] values;
    private final double[] expected;
    private final double[] scales;
    private long seen;

    /** @param length values in a run, at least 2 */
    RunDeviation(int length) {
        if (length < 2) {
            throw new IllegalArgumentException("a run has at least two values, was " + length);
        }
        values = new double[length];
        expected = new double[length];
        scales = new double[length];
    }

    /**
     * The raw measure for value {@code y}, given the forecast {@code expectedNow} and error scale {@code scaleNow}
     * it was judged against; 0 until {@code length} values were seen, while the oldest one's forecast was not yet a
     * number, when the run's deviations do not all lie on one side, or when that side does not count in
     * {@code direction}.
     */
    double raw(double y, double expectedNow, double scaleNow, Direction direction) {
        int length = values.length;
        int at = (int) (seen % length);
        values[at] = y;
        expected[at] = expectedNow;
        scales[at] = scaleNow;
        seen++;
        if (seen < length) {
            return 0.0;
        }
        // the oldest value of the run sits just after the newest in the ring
        int oldest = (int) (seen % length);
        double reference = expected[oldest];
        double scale = scales[oldest];
        if (Double.isNaN(reference) || !(scale > 0)) {
            return 0.0;
        }
        double side = Math.signum(values[oldest] - reference);
        double smallest = Double.POSITIVE_INFINITY;
        for (double v : values) {
            double d = (v - reference) / scale;
            // NaN or 0 or the other side: no run
            if (!(Math.signum(d) == side && side != 0)) {
                return 0.0;
            }
            smallest = Math.min(smallest, Math.abs(d));
        }
        return direction.counts(side) ? smallest : 0.0;
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeInt(values.length);
        out.writeLong(seen);
        for (int i = 0; i < values.length; i++) {
            out.writeDouble(values[i]);
            out.writeDouble(expected[i]);
            out.writeDouble(scales[i]);
        }
    }

    static RunDeviation readFrom(DataInput in) throws IOException {
        int length = in.readInt();
        if (length < 2 || length > 64) {
            throw new IOException("a run of " + length + " values; runs hold 2 to 64");
        }
        RunDeviation r = new RunDeviation(length);
        r.seen = in.readLong();
        if (r.seen < 0) {
            // the ring's index is seen % length: a negative count would index outside it on the next sample
            throw new IOException("a run that has seen " + r.seen + " values");
        }
        for (int i = 0; i < length; i++) {
            r.values[i] = in.readDouble();
            r.expected[i] = in.readDouble();
            r.scales[i] = in.readDouble();
        }
        return r;
    }
}
