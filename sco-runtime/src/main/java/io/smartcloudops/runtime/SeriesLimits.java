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
 * hourly means, which are kept either way.
 *
 * @param max the most series at once; a new series beyond it is dropped and counted once no idle one can make room
 * @param idle a series without a sample this long is forgotten (zero: never)
 * @param recentPoints raw points kept a series, at least 1
 */
public record SeriesLimits(int max, Duration idle, int recentPoints) {
    public static final int DEFAULT_MAX = 100_000;
    public static final Duration DEFAULT_IDLE = Duration.ofHours(1);
    public static final int DEFAULT_RECENT_POINTS = 240;

    /** Limits that keep the default {@value #DEFAULT_RECENT_POINTS} recent points a series. */
    public SeriesLimits(int max, Duration idle) {
        this(max, idle, DEFAULT_RECENT_POINTS);
    }

    public SeriesLimits {
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
