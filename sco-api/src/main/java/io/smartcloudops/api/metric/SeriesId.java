package io.smartcloudops.api.metric;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The identity of one time series: a metric name and its labels.
 *
 * <pre>{@code
 * SeriesId cpu = SeriesId.of("node_cpu_usage_percent", Labels.of("host", "app"));
 * }</pre>
 */
public record SeriesId(String name, Labels labels) {
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    public SeriesId {
        Objects.requireNonNull(name, "metric name");
        Objects.requireNonNull(labels, "labels");
        if (!METRIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "invalid metric name '" + name + "': must match " + METRIC_NAME.pattern());
        }
    }

    public static SeriesId of(String name) {
        return new SeriesId(name, Labels.empty());
    }

    public static SeriesId of(String name, Labels labels) {
        return new SeriesId(name, labels);
    }

    /** Prometheus' notation: {@code name{label="value"}}. */
    @Override
    public String toString() {
        return labels.isEmpty() ? name : name + labels;
    }
}
