package io.smartcloudops.remediate.alerting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.alert.AlertState;
import io.smartcloudops.api.alert.Severity;
import io.smartcloudops.api.metric.Labels;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Alertmanager's webhook payload (version 4, as its documentation gives it) into alerts.
 * Strict: a payload that is not what Alertmanager sends is rejected whole with the reason, so a
 * half-understood alert never drives a remediation.
 */
public final class AlertmanagerPayload {
    static final int MAX_ALERTS = 1_000;

    private final ObjectMapper json;

    public AlertmanagerPayload() {
        this.json = new ObjectMapper();
        json.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(20)
                        .maxStringLength(64 * 1024)
                        .build());
    }

    /** @throws IllegalArgumentException saying what is wrong */
    public List<Alert> parse(String body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("payload must be a JSON object");
        }
        JsonNode version = root.get("version");
        if (version == null || !"4".equals(version.asText())) {
            throw new IllegalArgumentException(
                    "unsupported payload version " + version + "; Alertmanager's webhook sends \"4\"");
        }
        JsonNode alerts = root.get("alerts");
        if (alerts == null || !alerts.isArray()) {
            throw new IllegalArgumentException("'alerts' must be an array");
        }
        if (alerts.size() > MAX_ALERTS) {
            throw new IllegalArgumentException(
                    "payload carries " + alerts.size() + " alerts; the limit is " + MAX_ALERTS);
        }
        List<Alert> out = new ArrayList<>();
        for (int i = 0; i < alerts.size(); i++) {
            try {
                out.add(alert(alerts.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("alerts[" + i + "]: " + e.getMessage(), e);
            }
        }
        return out;
    }

    private Alert alert(JsonNode a) {
        if (!a.isObject()) {
            throw new IllegalArgumentException("must be an object");
        }
        String status = text(a, "status");
        AlertState state = switch (status) {
            case "firing" -> AlertState.FIRING;
            case "resolved" -> AlertState.RESOLVED;
            default -> throw new IllegalArgumentException("status must be firing or resolved, got '" + status + "'");
        };
        Labels labels;
        try {
            labels = Labels.of(stringMap(a.get("labels"), "labels"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("labels: " + e.getMessage(), e);
        }
        String name = labels.get("alertname");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("labels must include alertname");
        }
        Map<String, String> annotations =
                a.has("annotations") ? stringMap(a.get("annotations"), "annotations") : Map.of();
        Instant startsAt = instant(a, "startsAt");
        Instant endsAt = state == AlertState.RESOLVED ? instant(a, "endsAt") : null;
        return new Alert(
                name,
                labels,
                annotations,
                state,
                Severity.parse(labels.get("severity")),
                startsAt,
                startsAt,
                endsAt,
                Double.NaN,
                "alertmanager");
    }

    private static String text(JsonNode a, String field) {
        JsonNode n = a.get(field);
        if (n == null || !n.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' must be a string");
        }
        return n.asText();
    }

    private static Instant instant(JsonNode a, String field) {
        String t = text(a, field);
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + field + "' is not an RFC 3339 time: '" + t + "'");
        }
    }

    private static Map<String, String> stringMap(JsonNode n, String what) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("'" + what + "' must be an object of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new IllegalArgumentException("'" + what + "." + e.getKey() + "' must be a string");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }
}
