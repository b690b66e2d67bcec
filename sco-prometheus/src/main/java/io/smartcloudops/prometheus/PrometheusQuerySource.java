package io.smartcloudops.prometheus;

import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SampleBatch;
import io.smartcloudops.api.source.MetricSource;
import io.smartcloudops.api.source.MetricSourceException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pulls configured PromQL queries from a Prometheus server with {@code /api/v1/query_range}, step
 * by step, each poll continuing where the last ended, so no point is read twice and none is
 * skipped while Prometheus answers. Counters are meant to be queried through {@code rate()}, which
 * handles resets on the server. When Prometheus is down, slow or answers garbage, the poll throws
 * and the agent marks the source stale; the points of the outage are read on the next poll within
 * {@code maxCatchUp}, and older ones are given up (a gap, which scores no anomaly).
 */
public final class PrometheusQuerySource implements MetricSource {
    /** Prometheus refuses ranges of more than 11,000 points. */
    static final int MAX_POINTS = 11_000;

    private final URI base;
    private final Map<String, String> queries;
    private final Duration step;
    private final Duration maxCatchUp;
    private final Duration timeout;
    private final InstantSource clock;
    private final HttpClient http;
    private final RangeQueryResponse parser = new RangeQueryResponse();
    private final Map<String, Long> nextStartSeconds = new HashMap<>();

    /**
     * @param queries series name → PromQL, e.g. {@code node_cpu_usage_percent} →
     *     {@code 100 * (1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[1m])))}
     */
    public PrometheusQuerySource(
            URI base,
            Map<String, String> queries,
            Duration step,
            Duration maxCatchUp,
            Duration timeout,
            InstantSource clock) {
        if (queries.isEmpty()) {
            throw new IllegalArgumentException("a Prometheus source needs at least one query");
        }
        if (step.toSeconds() < 1) {
            throw new IllegalArgumentException("step must be at least 1s, got " + step);
        }
        this.base = base;
        this.queries = new LinkedHashMap<>(queries);
        this.step = step;
        this.maxCatchUp = maxCatchUp;
        this.timeout = timeout;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public String name() {
        return "prometheus";
    }

    @Override
    public synchronized SampleBatch poll() throws MetricSourceException {
        long end = alignedNow();
        List<Sample> out = new ArrayList<>();
        for (Map.Entry<String, String> q : queries.entrySet()) {
            long earliest = end - maxCatchUp.toSeconds();
            long start = Math.max(nextStartSeconds.getOrDefault(q.getKey(), end), earliest);
            if (start > end) {
                continue;
            }
            out.addAll(range(q.getKey(), q.getValue(), start, end));
            nextStartSeconds.put(q.getKey(), end + step.toSeconds());
        }
        return SampleBatch.of(name(), out);
    }

    @Override
    public synchronized SampleBatch backfill(Duration lookback) throws MetricSourceException {
        long end = alignedNow();
        long begin = end - lookback.toSeconds();
        List<Sample> out = new ArrayList<>();
        for (Map.Entry<String, String> q : queries.entrySet()) {
            long chunk = (MAX_POINTS - 1) * step.toSeconds();
            for (long from = begin; from <= end; from += chunk + step.toSeconds()) {
                out.addAll(range(q.getKey(), q.getValue(), from, Math.min(end, from + chunk)));
            }
            nextStartSeconds.put(q.getKey(), end + step.toSeconds());
        }
        out.sort(Comparator.comparingLong(Sample::timestampMillis));
        return SampleBatch.of(name(), out);
    }

    private long alignedNow() {
        long s = step.toSeconds();
        return clock.millis() / 1000 / s * s;
    }

    private List<Sample> range(String name, String promql, long start, long end) throws MetricSourceException {
        String uri = base.toString().replaceAll("/+$", "") + "/api/v1/query_range?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8) + "&start=" + start + "&end=" + end + "&step="
                + step.toSeconds();
        HttpResponse<String> r;
        try {
            r = http.send(
                    HttpRequest.newBuilder(URI.create(uri))
                            .timeout(timeout)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new MetricSourceException(
                    "Prometheus at " + base + " unreachable: " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : " " + e.getMessage()),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MetricSourceException("interrupted while querying Prometheus", e);
        }
        if (r.statusCode() != 200 && r.statusCode() != 400 && r.statusCode() != 422) {
            throw new MetricSourceException("Prometheus at " + base + " answered " + r.statusCode() + " for " + name);
        }
        try {
            return parser.parse(r.body(), name);
        } catch (IllegalArgumentException e) {
            throw new MetricSourceException("Prometheus answer for " + name + " unusable: " + e.getMessage(), e);
        }
    }
}
