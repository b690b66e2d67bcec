package io.smartcloudops.aws.cloudwatch;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.SeriesId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One CloudWatch metric statistic to read, and the series it becomes.
 *
 * <p>Naming follows the Prometheus CloudWatch exporter, so dashboards carry over: the series is
 * {@code <namespace>_<metric>_<stat>} in snake case with {@code /} and other symbols turned into
 * {@code _} ({@code AWS/EC2 CPUUtilization Average} → {@code aws_ec2_cpuutilization_average}), and
 * each dimension becomes a label with its name in snake case ({@code InstanceId} →
 * {@code instance_id}). {@code name} replaces the series name when set.
 *
 * <pre>{@code
 * CloudWatchQuery q = new CloudWatchQuery(
 *         "AWS/EC2", "CPUUtilization", "Average", Map.of("InstanceId", "i-0abc12345678"), null);
 * q.seriesId(); // aws_ec2_cpuutilization_average{instance_id="i-0abc12345678"}
 * }</pre>
 */
public record CloudWatchQuery(
        String namespace, String metric, String stat, Map<String, String> dimensions, String name) {
    private static final Pattern NAMESPACE = Pattern.compile("[^:].{0,254}");
    private static final Pattern STAT = Pattern.compile(
            "SampleCount|Average|Sum|Minimum|Maximum|" + "(p|tm|wm|tc|ts|pr)\\d{1,2}(\\.\\d{1,10})?|IQM");
    private static final Pattern CAMEL = Pattern.compile("([a-z0-9])([A-Z])");
    private static final Pattern UNSAFE = Pattern.compile("[^a-zA-Z0-9_]");

    public CloudWatchQuery {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(metric, "metric");
        stat = stat == null ? "Average" : stat;
        if (!NAMESPACE.matcher(namespace).matches()) {
            throw new ConfigException(
                    "CloudWatch namespace '" + namespace + "' is invalid (1-255 characters, not starting with ':')");
        }
        if (metric.isEmpty() || metric.length() > 255) {
            throw new ConfigException("CloudWatch metric name must be 1-255 characters, got '" + metric + "'");
        }
        if (!STAT.matcher(stat).matches()) {
            throw new ConfigException(
                    "statistic '" + stat + "' is not one CloudWatch knows (Average, Sum, Minimum, Maximum, "
                            + "SampleCount, p99, tm90, ...)");
        }
        if (dimensions.size() > 30) {
            throw new ConfigException("a CloudWatch metric has at most 30 dimensions, got " + dimensions.size());
        }
        dimensions = Collections.unmodifiableMap(new TreeMap<>(dimensions));
        if (name != null && name.isBlank()) {
            name = null;
        }
        seriesId(namespace, metric, stat, dimensions, name); // fail now on names Prometheus would refuse
    }

    /** The series this query's datapoints are samples of. */
    public SeriesId seriesId() {
        return seriesId(namespace, metric, stat, dimensions, name);
    }

    private static SeriesId seriesId(
            String namespace, String metric, String stat, Map<String, String> dimensions, String name) {
        String series = name != null
                ? name
                : safe(namespace.toLowerCase(Locale.ROOT)) + "_" + snake(metric) + "_" + snake(stat);
        Map<String, String> labels = new LinkedHashMap<>();
        dimensions.forEach((k, v) -> labels.put(snake(k), v));
        try {
            return SeriesId.of(series, Labels.of(labels));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("CloudWatch query " + namespace + "/" + metric + ": " + e.getMessage(), e);
        }
    }

    static String snake(String s) {
        String out = safe(CAMEL.matcher(s).replaceAll("$1_$2").toLowerCase(Locale.ROOT));
        return Character.isDigit(out.charAt(0)) ? "_" + out : out;
    }

    private static String safe(String s) {
        return UNSAFE.matcher(s).replaceAll("_");
    }
}
