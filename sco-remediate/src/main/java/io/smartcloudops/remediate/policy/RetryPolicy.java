package io.smartcloudops.remediate.policy;

import java.time.Duration;

/**
 * Bounded retries with exponential backoff for failures a retry can fix.
 *
 * @param maxAttempts attempts in all, the first included
 * @param initialBackoff the wait before the second attempt; it doubles each time up to {@code maxBackoff}
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    public RetryPolicy {
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("maxAttempts must be in [1, 10], got " + maxAttempts);
        }
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
    }

    /** The wait after failed attempt {@code attempt} (1-based). */
    Duration backoffAfter(int attempt) {
        Duration d = initialBackoff.multipliedBy(1L << Math.min(20, attempt - 1));
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }
}
