package io.smartcloudops.runtime;

import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import java.util.ArrayList;
import java.util.List;

/**
 * Hourly means of one series over the last three weeks, so that forecasts past the reach of the
 * few hundred raw points kept for charts can still see a daily and a weekly season (a weekly one
 * needs three cycles before the forecaster believes it). About 2.7 KiB a series: a float an hour.
 * Only the newest unbroken run of hours is ever read, so its length is kept instead of each slot's
 * hour (which cost another int an hour).
 *
 * <p>Thread-safe; samples older than the hour being filled are ignored (out of order or late).
 */
final class HourlyHistory {
    static final int HOURS = 24 * 7 * 3 + 24;
    private static final long HOUR_MILLIS = 3_600_000L;

    private final float[] means = new float[HOURS];
    private int newestHour = Integer.MIN_VALUE;
    /** Completed hours in the run that ends at {@link #newestHour}, at most {@link #HOURS}. */
    private int run;

    private int filling = Integer.MIN_VALUE;
    private double sum;
    private int count;
    private long lastMillis;

    synchronized void add(long timestampMillis, double value) {
        if (!Double.isFinite(value)) {
            return;
        }
        int hour = (int) Math.floorDiv(timestampMillis, HOUR_MILLIS);
        if (hour < filling) {
            return;
        }
        if (hour != filling) {
            close();
            filling = hour;
        }
        sum += value;
        count++;
        lastMillis = timestampMillis;
    }

    private void close() {
        if (count > 0) {
            int slot = Math.floorMod(filling, HOURS);
            means[slot] = (float) (sum / count);
            run = newestHour != Integer.MIN_VALUE && filling == newestHour + 1 ? Math.min(run + 1, HOURS) : 1;
            newestHour = filling;
        }
        sum = 0;
        count = 0;
    }

    /**
     * The newest unbroken run of completed hours, oldest first, each at its hour's middle, then the
     * hour being filled at its newest sample's time: a missing hour ends the run, since the
     * forecaster reads points as evenly spaced.
     */
    synchronized List<Sample> samples(SeriesId series) {
        List<Sample> out = new ArrayList<>();
        if (newestHour != Integer.MIN_VALUE && (count == 0 || newestHour == filling - 1)) {
            for (int k = newestHour - run + 1; k <= newestHour; k++) {
                out.add(new Sample(series, k * HOUR_MILLIS + HOUR_MILLIS / 2, means[Math.floorMod(k, HOURS)]));
            }
        }
        if (count > 0) {
            out.add(new Sample(series, lastMillis, sum / count));
        }
        return out;
    }
}
