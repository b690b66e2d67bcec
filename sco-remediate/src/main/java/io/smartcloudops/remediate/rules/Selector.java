package io.smartcloudops.remediate.rules;

import io.smartcloudops.api.metric.SeriesId;
import java.util.Map;
import java.util.Objects;

/**
 * Which series a rule looks at: a metric name (or {@code *} for any) and label values that must
 * match exactly, like a PromQL selector with {@code =} matchers.
 */
public record Selector(String metric, Map<String, String> matchers) {
    public Selector {
        Objects.requireNonNull(metric, "metric");
        matchers = Map.copyOf(matchers);
    }

    public boolean matches(SeriesId id) {
        if (!metric.equals("*") && !metric.equals(id.name())) {
            return false;
        }
        for (Map.Entry<String, String> m : matchers.entrySet()) {
            if (!m.getValue().equals(id.labels().get(m.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(metric);
        if (!matchers.isEmpty()) {
            sb.append(new java.util.TreeMap<>(matchers).toString().replace("=", "=\"").replace(",", "\",").replace("}", "\"}"));
        }
        return sb.toString();
    }
}
