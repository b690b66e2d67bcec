package io.smartcloudops.prometheus;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.source.MetricSource;
import io.smartcloudops.api.spi.MetricSourceProvider;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.api.spi.ProviderContext;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code scrape}: settings {@code url} (required), {@code match} (metric-name regexes; default the
 * core Node Exporter families), {@code host} (a {@code host} label to add), {@code max_series}
 * (10000), {@code timeout} (5s).
 */
public final class ScrapeSourceProvider implements MetricSourceProvider {
    /** Called by {@link java.util.ServiceLoader}. */
    public ScrapeSourceProvider() {}

    static final List<String> NODE_DEFAULTS = List.of(
            "node_load1",
            "node_memory_Mem(Available|Total)_bytes",
            "node_cpu_seconds_total",
            "node_network_(receive|transmit)_bytes_total",
            "node_filesystem_(avail|size)_bytes",
            "up");

    @Override
    public String name() {
        return "scrape";
    }

    @Override
    public MetricSource create(ProviderContext context) {
        ProviderConfig c = context.config();
        c.requireOnly(Set.of("url", "match", "host", "max_series", "timeout"));
        URI url = HttpUrlSetting.require(c, "scrape");
        List<Pattern> match;
        try {
            match = (c.has("match") ? c.strings("match") : NODE_DEFAULTS)
                    .stream().map(Pattern::compile).toList();
        } catch (PatternSyntaxException e) {
            throw new ConfigException("scrape match is not a regex: " + e.getDescription(), e);
        }
        Labels extra = c.has("host") ? Labels.of("host", c.requireString("host")) : Labels.empty();
        return new ScrapeSource(
                url,
                match,
                c.integer("max_series", 10_000),
                c.duration("timeout", Duration.ofSeconds(5)),
                extra,
                context.clock());
    }
}
