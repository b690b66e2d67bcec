package io.smartcloudops.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * One series' newest points for charts, chat and short forecasts, in a ring of primitive arrays.
 * A deque of {@link ChartPoint}s cost about 60 bytes a point (object header, five fields, the
 * deque's slot); here a point is 28: the time and the value as they came, and the expected value
 * and its band as floats, which are drawn, never computed with. The ring is sized once, when the
 * series' first point arrives, so a series' memory does not creep up over its first hour and a
 * soak measures the steady state from the start.
 *
 * <p>Thread-safe: the loop adds while the HTTP API and chat read.
 */
final class RecentPoints {
    private final long[] times;
    private final double[] values;
    private final float[] expected;
    private final float[] lower;
    private final float[] upper;
    /** Where the next point goes. */
    private int next;

    private int size;

    RecentPoints(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a series keeps at least one point, got " + capacity);
        }
        times = new long[capacity];
        values = new double[capacity];
        expected = new float[capacity];
        lower = new float[capacity];
        upper = new float[capacity];
    }

    /** Keeps a point, the oldest making room once the ring is full; NaN for a point with no expectation. */
    synchronized void add(
            long timestampMillis, double value, double expectedValue, double lowerBound, double upperBound) {
        times[next] = timestampMillis;
        values[next] = value;
        expected[next] = (float) expectedValue;
        lower[next] = (float) lowerBound;
        upper[next] = (float) upperBound;
        next = (next + 1) % times.length;
        size = Math.min(size + 1, times.length);
    }

    /** The newest {@code limit} points, oldest first. */
    synchronized List<ChartPoint> newest(int limit) {
        int n = Math.max(0, Math.min(limit, size));
        List<ChartPoint> out = new ArrayList<>(n);
        for (int k = n; k > 0; k--) {
            int i = Math.floorMod(next - k, times.length);
            out.add(new ChartPoint(times[i], values[i], expected[i], lower[i], upper[i]));
        }
        return List.copyOf(out);
    }
}
