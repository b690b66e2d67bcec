package io.smartcloudops.prometheus;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.source.MetricSource;
import io.smartcloudops.api.spi.MetricSourceProvider;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.api.spi.ProviderContext;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code prometheus}: settings {@code url} (required), {@code queries} (name → PromQL; default:
 * {@link #NODE_EXPORTER_DEFAULTS}), {@code step} (15s), {@code max_catch_up} (10m),
 * {@code timeout} (5s).
 */
public final class PrometheusQuerySourceProvider implements MetricSourceProvider {
    /** Called by {@link java.util.ServiceLoader}. */
    public PrometheusQuerySourceProvider() {}

    /** Node Exporter's metrics turned into what the default rules watch, per instance. */
    public static final Map<String, String> NODE_EXPORTER_DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(
                "node_cpu_usage_percent",
                "100 * (1 - avg by (instance, job) (rate(node_cpu_seconds_total{mode=\"idle\"}[1m])))");
        m.put("node_memory_usage_percent", "100 * (1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes)");
        m.put(
                "node_filesystem_usage_percent",
                "100 * (1 - node_filesystem_avail_bytes{fstype!~\"tmpfs|overlay|squashfs\"} / node_filesystem_size_bytes{fstype!~\"tmpfs|overlay|squashfs\"})");
        m.put("node_load1", "node_load1");
        m.put("node_network_receive_bytes_per_second", "rate(node_network_receive_bytes_total{device!=\"lo\"}[1m])");
        m.put("node_network_transmit_bytes_per_second", "rate(node_network_transmit_bytes_total{device!=\"lo\"}[1m])");
        m.put("up", "up");
        return Collections.unmodifiableMap(m);
    }

    @Override
    public String name() {
        return "prometheus";
    }

    @Override
    public MetricSource create(ProviderContext context) {
        ProviderConfig c = context.config();
        c.requireOnly(Set.of("url", "queries", "step", "max_catch_up", "timeout"));
        URI url = HttpUrlSetting.require(c, "prometheus");
        Map<String, String> queries = new LinkedHashMap<>();
        if (c.has("queries")) {
            c.section("queries").asMap().forEach((k, v) -> queries.put(k, String.valueOf(v)));
        } else {
            queries.putAll(NODE_EXPORTER_DEFAULTS);
        }
        try {
            return new PrometheusQuerySource(
                    url,
                    queries,
                    c.duration("step", Duration.ofSeconds(15)),
                    c.duration("max_catch_up", Duration.ofMinutes(10)),
                    c.duration("timeout", Duration.ofSeconds(5)),
                    context.clock());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("prometheus source: " + e.getMessage(), e);
        }
    }
}
