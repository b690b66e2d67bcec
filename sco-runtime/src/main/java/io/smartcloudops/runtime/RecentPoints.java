package io.smartcloudops.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * One series' newest points for charts, chat and short forecasts, in a ring of three longs a point.
 * A deque of {@link ChartPoint}s cost about 60 bytes a point (object header, five fields, the
 * deque's slot), five parallel arrays 28 and five array headers a series; here a point is 24 in one
 * array: the value as it came, the time as an unsigned offset in milliseconds from the ring's base
 * time, and the expected value and its band as floats, which are drawn, never computed with. The
 * ring is sized once, when the series' first point arrives, so a series' memory does not creep up
 * over its first hour and a soak measures the steady state from the start.
 *
 * <p>Offsets reach 49 days past the base. A point beyond that moves the base up to the oldest point
 * kept; only a ring that itself spans more than 49 days (a few hundred points a day apart) keeps
 * its times whole instead, in an array of their own.
 *
 * <p>Thread-safe: the loop adds while the HTTP API and chat read. Points come oldest first (the
 * pipeline drops late and repeated samples before they get here); an earlier one moves the base
 * down, or makes the times whole when the ring would not fit.
 *
 * <p>Not final only so that {@link LiveView} can keep a series' hourly means in the same object.
 */
class RecentPoints {
    private static final long OFFSETS = 0xFFFF_FFFFL;

    /** Per point: the value's bits; the time's offset over the expected value's float bits; lower over upper. */
    private final long[] data;

    /** The time offsets count from. */
    private long base;
    /** Each point's time, once the ring spans more than offsets reach; null until then. */
    private long[] wide;
    /** Where the next point goes. */
    private int next;

    private int size;

    RecentPoints(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a series keeps at least one point, got " + capacity);
        }
        this.data = new long[3 * capacity];
    }

    /** Points the ring holds when full (not a field: with the hourly means beside it, that would cost 8 bytes). */
    private int capacity() {
        return data.length / 3;
    }

    /** Keeps a point, the oldest making room once the ring is full; NaN for a point with no expectation. */
    synchronized void add(
            long timestampMillis, double value, double expectedValue, double lowerBound, double upperBound) {
        if (size == 0 && wide == null) {
            base = timestampMillis;
        }
        int oldest = size == capacity() ? 1 : 0; // the point this one overwrites no longer counts
        if (wide == null && !fits(timestampMillis) && !rebase(timestampMillis, oldest)) {
            widen();
        }
        int at = 3 * next;
        data[at] = Double.doubleToRawLongBits(value);
        data[at + 2] = pack((float) lowerBound, (float) upperBound);
        if (wide == null) {
            data[at + 1] =
                    ((timestampMillis - base) << 32) | (Float.floatToRawIntBits((float) expectedValue) & OFFSETS);
        } else {
            wide[next] = timestampMillis;
            data[at + 1] = Float.floatToRawIntBits((float) expectedValue) & OFFSETS;
        }
        next = (next + 1) % capacity();
        size = Math.min(size + 1, capacity());
    }

    private boolean fits(long timestampMillis) {
        long offset = timestampMillis - base;
        return offset >= 0 && offset <= OFFSETS;
    }

    /**
     * Moves the base to the earliest of the points that stay and the new one (skipping the first
     * {@code skip} oldest, which the new point replaces); false when they span more than offsets reach.
     */
    private boolean rebase(long timestampMillis, int skip) {
        long lo = timestampMillis;
        long hi = timestampMillis;
        for (int k = size - skip; k > 0; k--) {
            long t = time(slot(k));
            lo = Math.min(lo, t);
            hi = Math.max(hi, t);
        }
        if (hi - lo > OFFSETS) {
            return false;
        }
        for (int k = size; k > 0; k--) {
            int i = slot(k);
            long t = time(i);
            // a point about to be overwritten may fall outside; its time is never read again
            long offset = (t - lo) & OFFSETS;
            data[3 * i + 1] = (offset << 32) | (data[3 * i + 1] & OFFSETS);
        }
        base = lo;
        return true;
    }

    private void widen() {
        long[] times = new long[capacity()];
        for (int k = size; k > 0; k--) {
            int i = slot(k);
            times[i] = time(i);
            data[3 * i + 1] &= OFFSETS;
        }
        wide = times;
    }

    /** The index of the {@code k}-th newest point (1 is the newest). */
    private int slot(int k) {
        return Math.floorMod(next - k, capacity());
    }

    private long time(int i) {
        return wide != null ? wide[i] : base + (data[3 * i + 1] >>> 32);
    }

    private static long pack(float high, float low) {
        return ((long) Float.floatToRawIntBits(high) << 32) | (Float.floatToRawIntBits(low) & OFFSETS);
    }

    private static float high(long bits) {
        return Float.intBitsToFloat((int) (bits >>> 32));
    }

    private static float low(long bits) {
        return Float.intBitsToFloat((int) bits);
    }

    /** The newest {@code limit} points, oldest first. */
    synchronized List<ChartPoint> newest(int limit) {
        int n = Math.max(0, Math.min(limit, size));
        List<ChartPoint> out = new ArrayList<>(n);
        for (int k = n; k > 0; k--) {
            int i = slot(k);
            out.add(new ChartPoint(
                    time(i),
                    Double.longBitsToDouble(data[3 * i]),
                    low(data[3 * i + 1]),
                    high(data[3 * i + 2]),
                    low(data[3 * i + 2])));
        }
        return List.copyOf(out);
    }
}
