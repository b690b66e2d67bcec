package io.smartcloudops.prometheus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON of Prometheus' {@code /api/v1/query_range} into samples, strictly: anything that
 * is not a successful matrix of {@code [time, "value"]} pairs is rejected with the reason, so
 * garbage never becomes a sample. Values keep Prometheus' spelling ({@code NaN}, {@code +Inf}).
 */
final class RangeQueryResponse {
    private final ObjectMapper json;

    RangeQueryResponse() {
        json = new ObjectMapper();
        json.getFactory()
                .setStreamReadConstraints(
                        StreamReadConstraints.builder().maxNestingDepth(32).build());
    }

    /**
     * @param name the series name to give every result (the configured query's name)
     * @throws IllegalArgumentException saying what is wrong with the body
     */
    List<Sample> parse(String body, String name) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        if (!"success".equals(root.path("status").asText())) {
            throw new IllegalArgumentException(
                    "query failed: " + root.path("errorType").asText("?") + ": "
                            + root.path("error").asText("no reason given"));
        }
        JsonNode data = root.path("data");
        if (!"matrix".equals(data.path("resultType").asText())) {
            throw new IllegalArgumentException(
                    "expected a matrix result, got '" + data.path("resultType").asText() + "'");
        }
        JsonNode result = data.path("result");
        if (!result.isArray()) {
            throw new IllegalArgumentException("'data.result' is not a list");
        }
        List<Sample> out = new ArrayList<>();
        for (JsonNode series : result) {
            SeriesId id = SeriesId.of(name, labels(series.path("metric")));
            JsonNode values = series.path("values");
            if (!values.isArray()) {
                throw new IllegalArgumentException("series " + id + " has no 'values' list");
            }
            for (JsonNode pair : values) {
                if (!pair.isArray()
                        || pair.size() != 2
                        || !pair.get(0).isNumber()
                        || !pair.get(1).isTextual()) {
                    throw new IllegalArgumentException("series " + id + " has a malformed point " + pair);
                }
                out.add(new Sample(
                        id,
                        Math.round(pair.get(0).asDouble() * 1000),
                        value(pair.get(1).asText())));
            }
        }
        return out;
    }

    private static double value(String text) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + text + "' is not a sample value");
                }
            }
        };
    }

    /**
     * The result's labels less {@code __name__}, plus {@code host} (the instance without its port)
     * when absent, so rules written for the host source also work on Prometheus data.
     */
    private static Labels labels(JsonNode metric) {
        Map<String, String> m = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = metric.properties().iterator();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("__name__") && e.getValue().isTextual()) {
                m.put(e.getKey(), e.getValue().asText());
            }
        }
        String instance = m.get("instance");
        if (instance != null && !m.containsKey("host")) {
            int colon = instance.lastIndexOf(':');
            m.put("host", colon > 0 && !instance.endsWith("]") ? instance.substring(0, colon) : instance);
        }
        return Labels.of(m);
    }
}
