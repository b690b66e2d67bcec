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
 * @param max the most series at once; a new series beyond it is dropped and counted once no idle one can make room
 * @param idle a series without a sample this long is forgotten (zero: never)
 */
public record SeriesLimits(int max, Duration idle) {
    public static final int DEFAULT_MAX = 100_000;
    public static final Duration DEFAULT_IDLE = Duration.ofHours(1);

    public SeriesLimits {
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
