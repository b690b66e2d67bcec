package io.smartcloudops.bench.load;

import java.util.Locale;
import java.util.Map;

/**
 * One paced wrk run against one endpoint.
 *
 * @param targetRate requests per second asked for
 * @param achievedRate requests per second completed
 * @param socketErrors connect, read, write errors and timeouts
 * @param statusErrors responses other than 2xx or 3xx
 * @param distribution wrk's own {@code --latency} table (percentile label, e.g. {@code 99%}, to ms)
 */
public record WrkResult(
        String endpoint,
        double targetRate,
        long requests,
        double durationSeconds,
        double achievedRate,
        long socketErrors,
        long statusErrors,
        double meanMs,
        double p50Ms,
        double p90Ms,
        double p99Ms,
        double p999Ms,
        double maxMs,
        Map<String, Double> distribution) {
    public WrkResult {
        distribution = Map.copyOf(distribution);
    }

    /** One line for a console. */
    public String summary() {
        return String.format(
                Locale.ROOT,
                "%s at %.0f req/s (achieved %.1f): p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms; %d requests, %d errors",
                endpoint,
                targetRate,
                achievedRate,
                p50Ms,
                p99Ms,
                p999Ms,
                maxMs,
                requests,
                errors());
    }

    public long errors() {
        return socketErrors + statusErrors;
    }
}
