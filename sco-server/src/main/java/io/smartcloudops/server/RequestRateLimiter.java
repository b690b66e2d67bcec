package io.smartcloudops.server;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fixed-window request limit per caller (token name, or address for anonymous callers), so one
 * client cannot monopolise the chat engine. Bounded: the least recently seen callers are forgotten.
 */
final class RequestRateLimiter {
    private final int perWindow;
    private final Duration window;
    private final Map<String, long[]> counts = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
            return size() > 10_000;
        }
    };

    RequestRateLimiter(int perWindow, Duration window) {
        this.perWindow = perWindow;
        this.window = window;
    }

    /** True when the caller may make one more request now. */
    synchronized boolean allow(String caller, Instant now) {
        long slot = now.toEpochMilli() / window.toMillis();
        long[] c = counts.computeIfAbsent(caller, k -> new long[] {slot, 0});
        if (c[0] != slot) {
            c[0] = slot;
            c[1] = 0;
        }
        return ++c[1] <= perWindow;
    }

    /**
     * Whole seconds until the window that holds {@code now} ends, at least 1: what a refused caller
     * is told to wait (Retry-After), rounded up so a client that waits exactly that long is allowed.
     */
    long secondsUntilNextWindow(Instant now) {
        long millis = window.toMillis() - Math.floorMod(now.toEpochMilli(), window.toMillis());
        return Math.max(1, (millis + 999) / 1000);
    }
}
