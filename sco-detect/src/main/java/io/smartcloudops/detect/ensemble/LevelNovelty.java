package io.smartcloudops.detect.ensemble;

import io.smartcloudops.api.detect.Direction;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * How surprising a new extreme of the series' smoothed level is. A single spike breaks the raw record
 * at once, but a level shift or a slow drift often stays inside the noisy raw range while its moving
 * average leaves every level seen before; record-breaking of the exponentially smoothed value catches
 * those, with the same {@code log10(n)} surprisal as {@link RangeNovelty}.
 */
final class LevelNovelty {
    private final double smoothing;
    private final RangeNovelty range;
    private boolean started;
    private double level;

    /**
     * @param smoothing weight of the newest sample in the moving average, in (0, 1]: about
     *     {@code 1 / smoothing} samples of memory
     * @param memory samples over which the known range of levels contracts back towards the mean
     */
    LevelNovelty(double smoothing, double memory) {
        this(smoothing, new RangeNovelty(memory));
    }

    private LevelNovelty(double smoothing, RangeNovelty range) {
        if (!(smoothing > 0 && smoothing <= 1)) {
            throw new IllegalArgumentException("smoothing must be in (0, 1], was " + smoothing);
        }
        this.smoothing = smoothing;
        this.range = range;
    }

    /** The surprisal of the level after {@code x} as an extreme (0 inside the known range of levels), then learns it. */
    double surprisal(double x, Direction direction) {
        return surprisal(x, direction, false);
    }

    /** As {@link #surprisal(double, Direction)}, the range of levels forgetting as {@link RangeNovelty#surprisal(double, Direction, boolean)} does. */
    double surprisal(double x, Direction direction, boolean filling) {
        level = started ? level + smoothing * (x - level) : x;
        started = true;
        return range.surprisal(level, direction, filling);
    }

    /** The moving average after the last sample. */
    double level() {
        return level;
    }

    /** The surprisal a record of the last sample carries as a bare record (see {@link RangeNovelty#bareRecord}). */
    double bareRecord(boolean filling) {
        return range.bareRecord(filling, false);
    }

    /** True if the last level judged went past the high bound rather than the low one (meaningful after a record). */
    boolean lastRecordUp() {
        return range.lastRecordUp();
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeDouble(smoothing);
        out.writeBoolean(started);
        out.writeDouble(level);
        range.writeTo(out);
    }

    static LevelNovelty readFrom(DataInput in) throws IOException {
        double smoothing = in.readDouble();
        boolean started = in.readBoolean();
        double level = in.readDouble();
        LevelNovelty l = new LevelNovelty(smoothing, RangeNovelty.readFrom(in));
        l.started = started;
        l.level = level;
        return l;
    }
}
