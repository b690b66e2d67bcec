package io.smartcloudops.aws.cloudwatch;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.source.MetricSource;
import io.smartcloudops.api.spi.MetricSourceProvider;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.aws.AwsClientFactory;
import io.smartcloudops.aws.AwsSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code cloudwatch}: a {@link CloudWatchSource}. Settings, besides {@link AwsSettings#KEYS}:
 *
 * <pre>{@code
 * period: 1m            # statistics period and poll window unit
 * lag: 2m               # CloudWatch publishing delay to wait out
 * batch_size: 500       # queries per GetMetricData request
 * queries:
 *   - namespace: AWS/EC2
 *     metric: CPUUtilization
 *     stat: Average     # default Average
 *     dimensions: {InstanceId: i-0abc12345678}
 *     name: app_cpu     # optional series name
 * }</pre>
 */
public final class CloudWatchSourceProvider implements MetricSourceProvider {
    private static final Set<String> QUERY_KEYS = Set.of("namespace", "metric", "stat", "dimensions", "name");

    @Override
    public String name() {
        return "cloudwatch";
    }

    @Override
    public MetricSource create(ProviderContext context) {
        ProviderConfig c = context.config();
        Set<String> known = new HashSet<>(AwsSettings.KEYS);
        known.addAll(Set.of("period", "lag", "batch_size", "queries"));
        c.requireOnly(known);
        List<CloudWatchQuery> queries = queries(c);
        Duration period = c.duration("period", Duration.ofMinutes(1));
        Duration lag = c.duration("lag", Duration.ofMinutes(2));
        int batch = c.integer("batch_size", CloudWatchSource.MAX_QUERIES_PER_REQUEST);
        AwsClientFactory aws = new AwsClientFactory(AwsSettings.from(c));
        try {
            return new CloudWatchSource(aws.cloudWatch(), queries, period, lag, batch, context.clock());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("cloudwatch: " + e.getMessage(), e);
        }
    }

    static List<CloudWatchQuery> queries(ProviderConfig c) {
        Object raw = c.raw("queries").orElseThrow(() -> new ConfigException("cloudwatch: 'queries' is required"));
        if (!(raw instanceof List<?> list) || list.isEmpty()) {
            throw new ConfigException(
                    "cloudwatch: 'queries' must be a non-empty list of {namespace, metric, stat, dimensions}");
        }
        List<CloudWatchQuery> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> m)) {
                throw new ConfigException(
                        "cloudwatch: queries[" + i + "] must be a section, got '" + list.get(i) + "'");
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(String.valueOf(k), v));
            ProviderConfig q = ProviderConfig.of("queries[" + i + "]", copy);
            q.requireOnly(QUERY_KEYS);
            Map<String, String> dims = new LinkedHashMap<>();
            q.section("dimensions").asMap().forEach((k, v) -> dims.put(k, String.valueOf(v)));
            out.add(new CloudWatchQuery(
                    q.requireString("namespace"),
                    q.requireString("metric"),
                    q.string("stat", null),
                    dims,
                    q.string("name", null)));
        }
        return out;
    }
}
