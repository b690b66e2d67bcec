package io.smartcloudops.detect.ensemble;

import io.smartcloudops.api.detect.Direction;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * How surprising a new extreme is. Among {@code n} exchangeable samples the chance that the latest is
 * the largest (or the smallest) is {@code 1/n}, so a new record carries {@code log10(n)} of surprisal;
 * going past the old extreme by a good part of the usual range multiplies it. The range slowly forgets,
 * contracting towards the mean over about {@code memory} samples, so that a series that left a regime
 * long ago can be surprised again. Optionally ({@code filling}) the range forgets only as fast as the
 * share of its memory it has seen: while it has seen fewer than {@code memory} samples it then holds
 * nearly the extremes of all of them, which is what the {@code 1/n} chance of a record among {@code n}
 * samples assumes; once full, a record may then be judged at the odds a range forgetting at the full
 * rate is broken with.
 */
final class RangeNovelty {
    /**
     * Overshooting the old extreme by a ninth of the usual range doubles the surprisal: a value just past
     * the old extreme is a record in name only (a slowly forgetting range is broken by noise now and
     * then), while one well beyond it is news. NAB scores within a point from 8 to 10 and one to three
     * lower at 12 and 7; 9 sits in the middle of that plateau.
     */
    static final double OVERSHOOT_WEIGHT = 9.0;
    /** A range seen over fewer samples is too narrow to measure overshoot against. */
    private static final int MIN_HISTORY = 200;

    private final double memory;
    private long count;
    private double low;
    private double high;
    private double mean;
    /** Whether the last record broke the high side; not state, read right after the sample that set it. */
    private boolean lastUp;

    RangeNovelty(double memory) {
        this.memory = memory;
    }

    /** The surprisal of {@code x} as an extreme in a direction that counts (0 inside the known range), then learns it. */
    double surprisal(double x, Direction direction) {
        return surprisal(x, direction, false);
    }

    /**
     * As {@link #surprisal(double, Direction)}; with {@code filling}, the range forgets at the full rate
     * times the share of its memory seen so far ({@code min(1, n / memory)}), so that over the first
     * {@code memory} samples it contracts by half an e-fold in all (by one at the full rate) and a noise
     * extreme of the first days is not broken again and again by a range that shrank in between.
     */
    double surprisal(double x, Direction direction, boolean filling) {
        return surprisal(x, direction, filling, false);
    }

    /**
     * As {@link #surprisal(double, Direction, boolean)}; with {@code settledOdds} too, a record beyond a full
     * memory is judged at the odds a range forgetting at the full rate is broken with ({@link #fullMemoryOdds}).
     */
    double surprisal(double x, Direction direction, boolean filling, boolean settledOdds) {
        return surprisal(x, Double.NaN, direction, filling, settledOdds);
    }

    /**
     * As {@link #surprisal(double, Direction, boolean, boolean)} for a sample whose original value is a whole
     * number, {@code x + wholeOffset} ({@code wholeOffset} NaN when it is not). Whole-number data (a count)
     * cannot tell a value just past a contracted extreme from the extreme itself: the range contracts towards
     * the mean between records, but the extreme it holds was a whole number, so it was at least the nearest
     * whole number beyond the contracted bound. A whole value that does not pass that number is a tie with an
     * extreme seen before, not a record (on a low count, 0 or 17 recurs every few hours, and each recurrence
     * broke a range that had contracted a little since); one that does is judged as before, its overshoot from
     * the contracted bound.
     */
    double surprisal(double x, double wholeOffset, Direction direction, boolean filling, boolean settledOdds) {
        count++;
        if (count == 1) {
            low = x;
            high = x;
            mean = x;
            return 0.0;
        }
        double width = high - low;
        double up = direction.counts(1) ? x - high : 0;
        double down = direction.counts(-1) ? low - x : 0;
        if (!Double.isNaN(wholeOffset)) {
            // the extremes in the original units, made whole: the bound the contracted range stands for
            up = x + wholeOffset > Math.ceil(high + wholeOffset) ? up : 0;
            down = x + wholeOffset < Math.floor(low + wholeOffset) ? down : 0;
        }
        double beyond = Math.max(up, down);
        lastUp = up >= down;
        double s = 0.0;
        if (beyond > 0 && width > 0 && count > MIN_HISTORY) {
            s = bareRecord(filling, settledOdds) * (1 + OVERSHOOT_WEIGHT * beyond / width);
        }
        double alpha = (filling ? Math.min(1.0, count / memory) : 1.0) / memory;
        mean += Math.max(alpha, 1.0 / count) * (x - mean);
        high = Math.max(x, high - alpha * (high - mean));
        low = Math.min(x, low + alpha * (mean - low));
        return s;
    }

    /**
     * The surprisal a record of the last sample {@link #surprisal(double, double, Direction, boolean, boolean)
     * judged} (with the same {@code filling} and {@code settledOdds}) carries as a bare record: {@code log10} of
     * the odds against it before any overshoot. The odds are those of exchangeable samples; the overshoot's
     * weight is the part a heavy tail can overstate.
     */
    double bareRecord(boolean filling, boolean settledOdds) {
        return Math.log10(filling && settledOdds ? fullMemoryOdds() : Math.min(count - 1, memory));
    }

    /**
     * The odds against a record of a range that forgets as the share of its memory seen: {@code 1/n}
     * while it holds the extremes of all {@code n} samples seen, then, as it contracts at the full rate,
     * the steady state's. A range contracting at rate {@code a = 1/memory} towards the mean is broken at
     * a rate {@code r} where the mean overshoot of a record (the tail's scale {@code s}) balances the
     * contraction at the range's distance from the mean ({@code s ln(1/r)} on an exponential tail):
     * {@code r = a ln(1/r)}, to first order {@code ln(memory) / memory} (one in 1,300 for a memory of
     * 12,000; the exact root one in 1,600), not one in 12,000. The odds move from the one to the other over the memory after it filled, the
     * time the range takes to reach its steady state.
     */
    private double fullMemoryOdds() {
        if (count - 1 <= memory) {
            return count - 1;
        }
        double settled = Math.min(1.0, (count - 1 - memory) / memory);
        return memory / (1 + (Math.log(memory) - 1) * settled);
    }

    /** True if the last sample judged went past the high bound rather than the low one (meaningful after a record). */
    boolean lastRecordUp() {
        return lastUp;
    }

    void reset() {
        count = 0;
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeDouble(memory);
        out.writeLong(count);
        out.writeDouble(low);
        out.writeDouble(high);
        out.writeDouble(mean);
    }

    static RangeNovelty readFrom(DataInput in) throws IOException {
        RangeNovelty r = new RangeNovelty(in.readDouble());
        r.count = in.readLong();
        r.low = in.readDouble();
        r.high = in.readDouble();
        r.mean = in.readDouble();
        return r;
    }
}
