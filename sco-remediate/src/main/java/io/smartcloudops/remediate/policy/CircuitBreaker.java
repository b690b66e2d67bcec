package io.smartcloudops.remediate.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Stops retrying an action that does not fix its target: after {@code threshold} failures in a row
 * on one key the circuit opens for {@code openFor}; then one trial is let through (half-open),
 * whose success closes it and whose failure opens it again.
 */
final class CircuitBreaker {
    enum State {
        CLOSED,
        OPEN,
        HALF_OPEN
    }

    private final int threshold;
    private final Duration openFor;
    private final Map<String, Entry> entries = new HashMap<>();

    private static final class Entry {
        int failures;
        Instant openedAt;
        boolean trialInFlight;
    }

    CircuitBreaker(int threshold, Duration openFor) {
        if (threshold < 1) {
            throw new IllegalArgumentException("circuit breaker threshold must be >= 1, got " + threshold);
        }
        this.threshold = threshold;
        this.openFor = openFor;
    }

    State state(String key, Instant now) {
        Entry e = entries.get(key);
        if (e == null || e.openedAt == null) {
            return State.CLOSED;
        }
        return now.isBefore(e.openedAt.plus(openFor)) ? State.OPEN : State.HALF_OPEN;
    }

    /** False while open, or while the half-open trial is under way. */
    boolean allows(String key, Instant now) {
        State s = state(key, now);
        if (s == State.OPEN) {
            return false;
        }
        if (s == State.HALF_OPEN) {
            Entry e = entries.get(key);
            if (e.trialInFlight) {
                return false;
            }
            e.trialInFlight = true;
        }
        return true;
    }

    void success(String key) {
        entries.remove(key);
    }

    /** Records a failure; true when this failure opened (or re-opened) the circuit. */
    boolean failure(String key, Instant now) {
        Entry e = entries.computeIfAbsent(key, k -> new Entry());
        e.failures++;
        boolean wasHalfOpen = e.trialInFlight;
        e.trialInFlight = false;
        if (wasHalfOpen || e.failures >= threshold) {
            e.openedAt = now;
            return true;
        }
        return false;
    }

    /** Failures in a row on {@code key} (0 when closed), for keeping across a restart. */
    int failures(String key) {
        Entry e = entries.get(key);
        return e == null ? 0 : e.failures;
    }

    Instant openedAt(String key) {
        Entry e = entries.get(key);
        return e == null ? null : e.openedAt;
    }

    /** What a restart read back: the failures and, if it opened, when (no trial is in flight after a restart). */
    void restore(String key, int failures, Instant openedAt) {
        Entry e = entries.computeIfAbsent(key, k -> new Entry());
        e.failures = failures;
        e.openedAt = openedAt;
    }

    Duration openFor() {
        return openFor;
    }

    Instant reopensAt(String key) {
        Entry e = entries.get(key);
        return e == null || e.openedAt == null ? null : e.openedAt.plus(openFor);
    }
}
