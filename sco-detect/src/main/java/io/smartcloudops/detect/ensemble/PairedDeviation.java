package io.smartcloudops.detect.ensemble;

import io.smartcloudops.api.detect.Direction;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * How far the last two values both stand from the forecast made before the first of them, in units of
 * the one-step error scale of that moment: the smaller of the two deviations when they lie on the same
 * side, else 0. A spike of two or three samples on a heavy-tailed series is no rarer than the series'
 * own single outliers (one in a thousand residuals beyond 8 scales), but two outliers in a row on the
 * same side are far rarer than one when the noise is independent; where it is not (a series whose
 * residuals come in runs), the member's tail fit learns that from the series' own history and it stays
 * quiet. Both are judged against the earlier forecast and scale because the forecaster moves towards
 * the first outlier and its error scale grows with it, which halved the second one's residual. Three
 * numbers of state, O(1) a sample.
 */
final class PairedDeviation {
    private boolean started;
    private double expected;
    private double scale;
    private double previous;

    /**
     * The raw measure for value {@code y}, given the forecast {@code expectedNow} and error scale {@code scaleNow}
     * it was judged against; then remembers them as the reference for the next value. 0 while nothing was seen,
     * when the two deviations lie on opposite sides, or when their side does not count in {@code direction}.
     */
    double raw(double y, double expectedNow, double scaleNow, Direction direction) {
        double out = 0.0;
        if (started && scale > 0) {
            double first = (previous - expected) / scale;
            double second = (y - expected) / scale;
            if (first * second > 0 && direction.counts(second)) {
                out = Math.min(Math.abs(first), Math.abs(second));
            }
        }
        // a forecast that is not yet a number (the forecaster's first sample) is no reference
        started = !Double.isNaN(expectedNow) && !Double.isNaN(y);
        expected = expectedNow;
        scale = scaleNow;
        previous = y;
        return Double.isNaN(out) ? 0.0 : out;
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeBoolean(started);
        out.writeDouble(expected);
        out.writeDouble(scale);
        out.writeDouble(previous);
    }

    static PairedDeviation readFrom(DataInput in) throws IOException {
        PairedDeviation p = new PairedDeviation();
        p.started = in.readBoolean();
        p.expected = in.readDouble();
        p.scale = in.readDouble();
        p.previous = in.readDouble();
        return p;
    }
}
