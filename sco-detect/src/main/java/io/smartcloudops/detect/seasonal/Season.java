package io.smartcloudops.detect.seasonal;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A season's offsets, one a phase, as 16-bit multiples of one step: two bytes a phase where a double
 * took eight (576 bytes instead of 2,304 for a day of five-minute samples). The step is set so that
 * the largest offset of the fitted season is 2^14 steps, leaving room for the season to double before
 * the step must, and every offset is kept to within 2^-15 of that largest one. A linear code, not the
 * forest's asinh {@code ValueCode}: that one keeps offsets to within 0.05% of themselves, and on a
 * season far larger than its noise (NAB's synthetic series) that error alone is several noise levels,
 * which cost 0.07 of NAB's cross-validated standard score; a linear step is sixteen times finer at
 * the season's peaks, where the error matters. A learning step below half a code step leaves its
 * phase as it is; the phase then stays within that half step of where doubles would have taken it,
 * as the error it did not learn keeps pulling the same way.
 */
final class Season {
    /** Codes of the largest fitted offset: half the range, so the season can grow twofold before the step doubles. */
    private static final double LARGEST = 1 << 14;

    private double step;
    private final short[] codes;

    private Season(double step, short[] codes) {
        this.step = step;
        this.codes = codes;
    }

    /** The season of {@code offsets} (all finite), its step set by the largest. */
    static Season of(double[] offsets) {
        double largest = 0;
        for (double v : offsets) {
            largest = Math.max(largest, Math.abs(v));
        }
        Season s = new Season(
                largest > 0 && Double.isFinite(largest) ? largest / LARGEST : Double.MIN_NORMAL,
                new short[offsets.length]);
        for (int j = 0; j < offsets.length; j++) {
            s.set(j, offsets[j]);
        }
        return s;
    }

    int length() {
        return codes.length;
    }

    double at(int phase) {
        return codes[phase] * step;
    }

    /** Moves the offset of {@code phase} by {@code delta}. */
    void add(int phase, double delta) {
        set(phase, at(phase) + delta);
    }

    private void set(int phase, double v) {
        if (!Double.isFinite(v)) {
            // a non-finite error would poison the model anyway; the season keeps the offset it had
            return;
        }
        if (Math.abs(v) / step > Short.MAX_VALUE) {
            // the season outgrew its code: a step doubled until it fits, each offset rounded once to the
            // coarser grid (halving a code at a time would round 1 to 1 for ever)
            double wider = step;
            while (Math.abs(v) / wider > Short.MAX_VALUE) {
                wider *= 2;
            }
            for (int j = 0; j < codes.length; j++) {
                codes[j] = (short) Math.round(codes[j] * step / wider);
            }
            step = wider;
        }
        codes[phase] = (short) Math.round(v / step);
    }

    Season copy() {
        return new Season(step, codes.clone());
    }

    /** The step, then the codes: {@link #readFrom} reads them back exactly. */
    void writeTo(DataOutput out) throws IOException {
        out.writeDouble(step);
        for (short c : codes) {
            out.writeShort(c);
        }
    }

    static Season readFrom(DataInput in, int length) throws IOException {
        double step = in.readDouble();
        if (!(step > 0) || Double.isInfinite(step)) {
            throw new IOException("season step " + step + " is not a positive finite number");
        }
        Season s = new Season(step, new short[length]);
        for (int j = 0; j < length; j++) {
            s.codes[j] = in.readShort();
        }
        return s;
    }
}
