package io.smartcloudops.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * How many series the loop holds a detector state for, and when a series that stopped reporting is
 * forgotten ({@code detection: {max_series, series_idle}}). Prometheus keeps a series that stopped
 * in its head block for hours before it lets go of it; the loop's default idle time of an hour is
 * the same idea: long enough that a series polled every few minutes or missing for a short outage
 * keeps what it learned, short enough that churn (containers that come and go) frees its memory.
 *
 *
 * <p>Besides its detector state, each series keeps its newest raw points for the page's charts,
 * chat and short forecasts ({@code detection: {recent_points}}, 24 bytes a point: 240 points are
 * 5.6 KiB a series, about as much as the detector). An agent that holds a very large fleet, whose
 * charts and history live in Prometheus anyway, keeps fewer; forecasts past their span use the
 * hourly means.
 *
 * <p>Those hourly means are a setting too ({@code detection: {hourly_history}}, in hours, 16-bit
 * codes: the default {@value #DEFAULT_HOURLY_HISTORY} hours, three weeks and a day, are about 1.1 KiB
 * a series). With 0 a series keeps none, and with fewer than a seasonal forecast needs ({@code
 * SeasonalSeriesForecaster.MIN_SAMPLES}, 20) none is ever used: forecasts then come from the recent
 * points alone and say so in their model, seeing no daily or weekly season.
 *
 * @param max the most series at once; a new series beyond it is dropped and counted once no idle one can make room
 * @param idle a series without a sample this long is forgotten (zero: never)
 * @param recentPoints raw points kept a series, at least 1
 * @param hourlyHistory hourly means kept a series, from 0 (none) to {@value #MAX_HOURLY_HISTORY} (a leap year)
 */
public record SeriesLimits(int max, Duration idle, int recentPoints, int hourlyHistory) {
    public static final int DEFAULT_MAX = 100_000;
    public static final Duration DEFAULT_IDLE = Duration.ofHours(1);
    public static final int DEFAULT_RECENT_POINTS = 240;
    public static final int DEFAULT_HOURLY_HISTORY = HourlyHistory.HOURS;
    public static final int MAX_HOURLY_HISTORY = 24 * 366;

    /** Limits that keep the default {@value #DEFAULT_RECENT_POINTS} recent points a series. */
    public SeriesLimits(int max, Duration idle) {
        this(max, idle, DEFAULT_RECENT_POINTS);
    }

    /** Limits that keep the default {@value #DEFAULT_HOURLY_HISTORY} hourly means a series. */
    public SeriesLimits(int max, Duration idle, int recentPoints) {
        this(max, idle, recentPoints, DEFAULT_HOURLY_HISTORY);
    }

    public SeriesLimits {
        if (hourlyHistory < 0 || hourlyHistory > MAX_HOURLY_HISTORY) {
            throw new IllegalArgumentException("a series keeps from 0 to " + MAX_HOURLY_HISTORY
                    + " hours of hourly history (0: none), got " + hourlyHistory);
        }
        if (recentPoints < 1) {
            throw new IllegalArgumentException("a series keeps at least one recent point, got " + recentPoints);
        }
        if (max < 1) {
            throw new IllegalArgumentException("the series limit must be at least 1, got " + max);
        }
        Objects.requireNonNull(idle, "idle");
        if (idle.isNegative()) {
            throw new IllegalArgumentException("the series idle time must not be negative, got " + idle);
        }
    }

    public static SeriesLimits defaults() {
        return new SeriesLimits(DEFAULT_MAX, DEFAULT_IDLE);
    }

    /** Whether idle series are forgotten at all. */
    public boolean evicts() {
        return !idle.isZero();
    }
}
