package io.smartcloudops.runtime;

import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.detect.code.ValueCode;
import java.util.ArrayList;
import java.util.List;

/**
 * Hourly means of one series over the last three weeks, so that forecasts past the reach of the
 * few hundred raw points kept for charts can still see a daily and a weekly season (a weekly one
 * needs three cycles before the forecaster believes it). About 1.1 KiB a series: a 16-bit {@link
 * ValueCode} an hour (a float took 2.1 KiB), centred on the first hour's mean, so that each mean is
 * kept to within 0.05% of its distance from that centre, far inside the hour-to-hour change a
 * forecast works with; a mean beyond the code's reach widens it (re-coding the others, another
 * rounding of up to 0.05% each). Only the newest unbroken run of
 * hours is ever read, so its length is kept instead of each slot's hour (which cost another int an
 * hour).
 *
 * <p>How many hours it keeps is a setting ({@code detection: {hourly_history}}, {@value #HOURS} by
 * default): an agent that keeps none holds no object at all for it.
 *
 * <p>Thread-safe; samples older than the hour being filled are ignored (out of order or late).
 */
final class HourlyHistory {
    /** The default: three weeks and a day, three weekly cycles and the day being forecast. */
    static final int HOURS = 24 * 7 * 3 + 24;

    private static final long HOUR_MILLIS = 3_600_000L;

    private final short[] means;
    /**
     * The {@link ValueCode} of {@link #means}, as its two numbers (an object of its own cost 24 bytes
     * more a series); the scale is 0 until the first hour closes.
     */
    private double center;

    private double scale;

    private int newestHour = Integer.MIN_VALUE;
    /** Completed hours in the run that ends at {@link #newestHour}, at most the hours kept. */
    private int run;

    private int filling = Integer.MIN_VALUE;
    private double sum;
    private int count;
    private long lastMillis;

    HourlyHistory() {
        this(HOURS);
    }

    /** A history of the newest {@code hours} hourly means, at least 1. */
    HourlyHistory(int hours) {
        if (hours < 1) {
            throw new IllegalArgumentException("an hourly history keeps at least one hour, got " + hours);
        }
        this.means = new short[hours];
    }

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
            double mean = sum / count;
            run = newestHour != Integer.MIN_VALUE && filling == newestHour + 1 ? Math.min(run + 1, means.length) : 1;
            ValueCode code;
            if (scale == 0) {
                code = ValueCode.around(mean, 0);
                center = code.center();
                scale = code.scale();
            } else {
                code = code();
                if (!code.holds(mean)) {
                    code = widen(code, mean);
                }
            }
            means[Math.floorMod(filling, means.length)] = code.code(mean);
            newestHour = filling;
        }
        sum = 0;
        count = 0;
    }

    /**
     * Codes every slot anew in a code wide enough for {@code mean}: a series that grew a million times
     * past its first hour's mean. The code reaches {@code sinh(32)}, about 2^45 scales; at a scale of
     * 2^-40 of the new distance the series can grow thirtyfold again before the next widening, while
     * means near the centre keep steps far below any forecast's error. Slots outside the run are
     * re-coded too; they are never read.
     */
    private ValueCode widen(ValueCode code, double mean) {
        ValueCode wider =
                new ValueCode(code.center(), Math.max(2 * code.scale(), Math.abs(mean - code.center()) * 0x1p-40));
        for (int slot = 0; slot < means.length; slot++) {
            means[slot] = wider.code(code.decode(means[slot]));
        }
        scale = wider.scale();
        return wider;
    }

    private ValueCode code() {
        return new ValueCode(center, scale);
    }

    /**
     * The newest unbroken run of completed hours, oldest first, each at its hour's middle, then the
     * hour being filled at its newest sample's time: a missing hour ends the run, since the
     * forecaster reads points as evenly spaced.
     */
    synchronized List<Sample> samples(SeriesId series) {
        List<Sample> out = new ArrayList<>();
        if (newestHour != Integer.MIN_VALUE && (count == 0 || newestHour == filling - 1)) {
            ValueCode code = code();
            for (int k = newestHour - run + 1; k <= newestHour; k++) {
                out.add(new Sample(
                        series, k * HOUR_MILLIS + HOUR_MILLIS / 2, code.decode(means[Math.floorMod(k, means.length)])));
            }
        }
        if (count > 0) {
            out.add(new Sample(series, lastMillis, sum / count));
        }
        return out;
    }
}
