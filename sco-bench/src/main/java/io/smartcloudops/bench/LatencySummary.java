package io.smartcloudops.bench;

import org.HdrHistogram.Histogram;

/**
 * A latency distribution reduced to the figures the reports quote, in milliseconds.
 *
 * @param name what was timed, e.g. {@code sample-to-action} or {@code GET /status}
 * @param count how many timings
 */
public record LatencySummary(String name, long count, double p50Ms, double p99Ms, double p999Ms, double maxMs) {

    /** From a histogram recorded in nanoseconds. */
    public static LatencySummary ofNanos(String name, Histogram h) {
        return new LatencySummary(
                name,
                h.getTotalCount(),
                h.getValueAtPercentile(50) / 1e6,
                h.getValueAtPercentile(99) / 1e6,
                h.getValueAtPercentile(99.9) / 1e6,
                h.getMaxValue() / 1e6);
    }

    public LatencySummary named(String other) {
        return new LatencySummary(other, count, p50Ms, p99Ms, p999Ms, maxMs);
    }
}
