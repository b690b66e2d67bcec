package io.smartcloudops.prometheus;

import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SampleBatch;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.api.source.MetricSource;
import io.smartcloudops.api.source.MetricSourceException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Scrapes a Prometheus text-format endpoint (Node Exporter's {@code /metrics}, say) directly, for
 * setups without a Prometheus server. Gauges and untyped metrics become samples as they are;
 * counters become per-second rates between two scrapes, named without {@code _total} and with
 * {@code _per_second} (a counter that went down was reset: that interval gives no rate). Only
 * metric names matching {@code match} are kept, and at most {@code maxSeries} series.
 */
public final class ScrapeSource implements MetricSource {
    private static final int MAX_BODY = 16 * 1024 * 1024;

    private final URI url;
    private final List<Pattern> match;
    private final int maxSeries;
    private final Duration timeout;
    private final InstantSource clock;
    private final Labels extraLabels;
    private final HttpClient http;
    private final Map<SeriesId, double[]> lastCounter = new HashMap<>();

    public ScrapeSource(
            URI url, List<Pattern> match, int maxSeries, Duration timeout, Labels extraLabels, InstantSource clock) {
        this.url = url;
        this.match = List.copyOf(match);
        this.maxSeries = maxSeries;
        this.timeout = timeout;
        this.extraLabels = extraLabels;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public String name() {
        return "scrape";
    }

    @Override
    public synchronized SampleBatch poll() throws MetricSourceException {
        long now = clock.millis();
        TextFormatParser.Page page;
        try {
            page = new TextFormatParser().parse(fetch());
        } catch (TextFormatParser.ParseException e) {
            throw new MetricSourceException("scrape of " + url + " unusable: " + e.getMessage(), e);
        }
        List<Sample> out = new ArrayList<>();
        for (TextFormatParser.Line l : page.samples()) {
            if (match.stream().noneMatch(p -> p.matcher(l.name()).matches())) {
                continue;
            }
            if (out.size() >= maxSeries) {
                break;
            }
            Labels labels = extraLabels;
            for (Map.Entry<String, String> e : l.labels().entrySet()) {
                labels = labels.with(e.getKey(), e.getValue());
            }
            long t = l.timestampMillis() == null ? now : l.timestampMillis();
            String type = page.types()
                    .getOrDefault(l.name(), page.types().getOrDefault(l.name().replaceFirst("_total$", ""), "untyped"));
            if (type.equals("counter")) {
                SeriesId id = SeriesId.of(l.name().replaceFirst("_total$", "") + "_per_second", labels);
                double[] prev = lastCounter.put(id, new double[] {t, l.value()});
                if (prev != null && t > prev[0] && l.value() >= prev[1]) {
                    out.add(new Sample(id, t, (l.value() - prev[1]) * 1000.0 / (t - prev[0])));
                }
            } else if (type.equals("gauge") || type.equals("untyped")) {
                out.add(new Sample(SeriesId.of(l.name(), labels), t, l.value()));
            }
        }
        return SampleBatch.of(name(), out);
    }

    private String fetch() throws MetricSourceException {
        try {
            HttpResponse<InputStream> r = http.send(
                    HttpRequest.newBuilder(url)
                            .timeout(timeout)
                            .header("Accept", "text/plain;version=0.0.4")
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                byte[] body = in.readNBytes(MAX_BODY + 1);
                if (r.statusCode() != 200) {
                    throw new MetricSourceException("scrape of " + url + " answered " + r.statusCode());
                }
                if (body.length > MAX_BODY) {
                    throw new MetricSourceException("scrape of " + url + " is larger than " + MAX_BODY + " bytes");
                }
                return new String(body, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new MetricSourceException(
                    "scrape of " + url + " failed: " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : " " + e.getMessage()),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MetricSourceException("interrupted while scraping " + url, e);
        }
    }
}
