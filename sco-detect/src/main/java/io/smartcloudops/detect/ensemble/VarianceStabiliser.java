package io.smartcloudops.detect.ensemble;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The inverse hyperbolic sine transform {@code y = asinh(x / s)}: linear near zero, logarithmic for
 * large values, defined for negative ones. Counts, byte rates and utilisations vary more when they are
 * high; on this scale their noise is roughly even, so one residual scale fits quiet nights and busy
 * days. The scale {@code s} is a tenth of the median magnitude of the first samples.
 */
final class VarianceStabiliser {
    static final int SEED_SAMPLES = 16;

    /** The first samples, until the scale is fixed from them; then null, as nothing reads them. */
    private double[] first = new double[SEED_SAMPLES];

    private int seen;
    private double scale;

    /** True once the scale is known; until then samples are only collected. */
    boolean ready() {
        return seen >= SEED_SAMPLES;
    }

    /** Collects one of the first samples; returns them all, in order, once the scale is fixed, else null. */
    double[] collect(double x) {
        first[seen++] = x;
        if (seen < SEED_SAMPLES) {
            return null;
        }
        double[] magnitudes = new double[SEED_SAMPLES];
        for (int i = 0; i < SEED_SAMPLES; i++) {
            magnitudes[i] = Math.abs(first[i]);
        }
        Arrays.sort(magnitudes);
        double median = 0.5 * (magnitudes[SEED_SAMPLES / 2 - 1] + magnitudes[SEED_SAMPLES / 2]);
        scale = Math.max(0.1 * median, 1e-12);
        double[] seed = first;
        first = null;
        return seed;
    }

    double forward(double x) {
        double y = x / scale;
        return Math.log(y + Math.sqrt(y * y + 1));
    }

    double inverse(double y) {
        return scale * Math.sinh(y);
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeInt(seen);
        out.writeDouble(scale);
        // the layout keeps the seed samples seen, 0 once they are no longer kept
        for (int i = 0; i < Math.min(seen, SEED_SAMPLES); i++) {
            out.writeDouble(first == null ? 0.0 : first[i]);
        }
    }

    static VarianceStabiliser readFrom(DataInput in) throws IOException {
        VarianceStabiliser v = new VarianceStabiliser();
        v.seen = in.readInt();
        if (v.seen < 0 || v.seen > SEED_SAMPLES) {
            throw new IOException(
                    "stabiliser has seen " + v.seen + " seed samples, at most " + SEED_SAMPLES + " are kept");
        }
        v.scale = in.readDouble();
        for (int i = 0; i < v.seen; i++) {
            v.first[i] = in.readDouble();
        }
        v.first = v.seen < SEED_SAMPLES ? v.first : null;
        return v;
    }
}
