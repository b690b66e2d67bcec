package io.smartcloudops.remediate.rules;

import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.remediate.match.Matcher;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Which series a rule looks at: a metric name (or {@code *} for any) and label matchers in the
 * one matching language ({@code = != =~ !~}), like a PromQL selector.
 */
public record Selector(String metric, List<Matcher> labelMatchers) {
    public Selector {
        Objects.requireNonNull(metric, "metric");
        labelMatchers = List.copyOf(labelMatchers);
    }

    /** A selector of {@code =} matchers only. */
    public Selector(String metric, Map<String, String> equalities) {
        this(
                metric,
                equalities.entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .map(e -> Matcher.equal(e.getKey(), e.getValue()))
                        .toList());
    }

    public boolean matches(SeriesId id) {
        if (!metric.equals("*") && !metric.equals(id.name())) {
            return false;
        }
        // by index: an iterator a call was garbage on the rule engine's per-series path
        for (int i = 0; i < labelMatchers.size(); i++) {
            if (!labelMatchers.get(i).matches(id.labels())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The labels fixed by {@code =} matchers, which {@code absent(...)} copies into its alert as
     * Prometheus does.
     */
    public Map<String, String> matchers() {
        Map<String, String> out = new LinkedHashMap<>();
        labelMatchers.stream()
                .filter(m -> m.op() == Matcher.Op.EQ && !m.value().isEmpty())
                .forEach(m -> out.put(m.name(), m.value()));
        return out;
    }

    @Override
    public String toString() {
        return labelMatchers.isEmpty()
                ? metric
                : metric + labelMatchers.stream().map(Matcher::toString).collect(Collectors.joining(",", "{", "}"));
    }
}
