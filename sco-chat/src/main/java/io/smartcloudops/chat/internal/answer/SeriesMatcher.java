package io.smartcloudops.chat.internal.answer;

import io.smartcloudops.api.metric.SeriesId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Maps the canonical metric, host and service slots onto the series the agent watches. Metric
 * names differ between exporters, so a metric is recognised by name fragments; hosts and services by
 * the usual labels ({@code host}, {@code instance}; {@code service}, {@code job}, {@code unit}).
 */
final class SeriesMatcher {

    private static final Map<String, Pattern> METRIC_NAMES = Map.of(
            "cpu", Pattern.compile("cpu"),
            "memory", Pattern.compile("mem"),
            "disk", Pattern.compile("disk|filesystem|fs_"),
            "network_in", Pattern.compile("receive|_rx|network_in|ingress"),
            "network_out", Pattern.compile("transmit|_tx|network_out|egress"),
            "latency", Pattern.compile("latency|duration|response_time"),
            "error_rate", Pattern.compile("error|5xx|fail"),
            "request_rate", Pattern.compile("request|rps|http_requests"),
            "load_average", Pattern.compile("load"));
    private static final Map<String, List<String>> HOST_TOKENS =
            Map.of("monitor", List.of("monitor", "mon"), "app", List.of("app", "web"));
    private static final List<String> HOST_LABELS = List.of("host", "instance", "node", "hostname");
    private static final List<String> SERVICE_LABELS = List.of("service", "job", "unit", "app", "container", "name");

    private SeriesMatcher() {}

    /** True when the series fits every given (non-null) slot. */
    static boolean matches(SeriesId series, String metric, String host, String service) {
        String name = series.name().toLowerCase(Locale.ROOT);
        if (metric != null) {
            Pattern p = METRIC_NAMES.get(metric);
            if (p == null || !p.matcher(name).find()) {
                return false;
            }
        }
        if (host != null && !labelMatches(series, HOST_LABELS, HOST_TOKENS.getOrDefault(host, List.of(host)))) {
            return false;
        }
        return service == null
                || labelMatches(series, SERVICE_LABELS, List.of(service, service.replace('_', '-')))
                || name.contains(service);
    }

    private static boolean labelMatches(SeriesId series, List<String> labels, List<String> tokens) {
        for (String label : labels) {
            String v = series.labels().get(label);
            if (v != null) {
                String lower = v.toLowerCase(Locale.ROOT);
                if (tokens.stream().anyMatch(lower::contains)) {
                    return true;
                }
            }
        }
        return false;
    }
}
