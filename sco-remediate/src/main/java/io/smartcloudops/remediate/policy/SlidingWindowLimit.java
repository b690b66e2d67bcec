package io.smartcloudops.remediate.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * At most {@code max} acts per key within a sliding {@code window}. Exact (it keeps the times of
 * the acts it allowed), which is cheap at remediation rates.
 */
final class SlidingWindowLimit {
    private final int max;
    private final Duration window;
    private final Map<String, Deque<Instant>> acts = new HashMap<>();

    SlidingWindowLimit(int max, Duration window) {
        if (max < 1) {
            throw new IllegalArgumentException("a rate limit must allow at least 1 act, got " + max);
        }
        this.max = max;
        this.window = window;
    }

    /** True when one more act fits; does not record it. */
    boolean allows(String key, Instant now) {
        Deque<Instant> d = acts.get(key);
        if (d == null) {
            return true;
        }
        Instant horizon = now.minus(window);
        while (!d.isEmpty() && !d.peekFirst().isAfter(horizon)) {
            d.removeFirst();
        }
        return d.size() < max;
    }

    void record(String key, Instant now) {
        acts.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(now);
    }

    String describe() {
        return max + " per " + window;
    }
}
