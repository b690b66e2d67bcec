package io.smartcloudops.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@code GET /} lists for a client that asks for JSON: every endpoint, its method and what it is for. */
final class EndpointIndex {

    record Endpoint(String method, String path, String what) {}

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("GET", "/openapi.json", "this API in OpenAPI 3"),
            new Endpoint("GET", "/status", "up, uptime, series watched, open alerts, recent anomalies and actions"),
            new Endpoint("POST", "/query", "ask in plain language: {\"text\": \"...\", \"session\": \"...\"}"),
            new Endpoint("GET", "/logs", "recent agent log lines and audit entries; ?lines=100&level=INFO"),
            new Endpoint("GET", "/audit", "audit entries; ?from&to (ISO-8601), kind, subject, action, outcome, limit"),
            new Endpoint("GET", "/approvals", "actions waiting for approval"),
            new Endpoint("POST", "/approvals/{id}/approve", "approve a pending action (operator token)"),
            new Endpoint(
                    "POST", "/approvals/{id}/deny", "deny a pending action (operator token); {\"reason\": \"...\"}"),
            new Endpoint(
                    "GET",
                    "/series",
                    "recent points of a metric with the expected band and anomalies, and the forecast band ahead; ?metric=NAME&host=H&horizon=PT1H"),
            new Endpoint(
                    "GET",
                    "/forecast",
                    "seasonal forecast with 80%/95% intervals and time-to-threshold; ?metric=NAME&host=H&horizon=P1D&threshold=90"),
            new Endpoint("GET", "/alerts", "open alerts; ?group_by=alertname,host groups them by priority"),
            new Endpoint("POST", "/webhook/alertmanager", "Alertmanager webhook receiver (payload version 4)"),
            new Endpoint("GET", "/silences", "silences in force; POST to add one, DELETE /silences/{id} to expire it"),
            new Endpoint("POST", "/-/reload", "reload the rule file, as Prometheus does"),
            new Endpoint("GET", "/metrics", "Prometheus text format"),
            new Endpoint("GET", "/healthz", "liveness probe"),
            new Endpoint(
                    "GET",
                    "/link/v1/status",
                    "the pair's link (/link/v1/...): this host's state and gate for the other host"));

    private EndpointIndex() {}

    /** The index document: the agent's name and its endpoints, in the order above. */
    static Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "SmartCloudOps agent");
        body.put("endpoints", ENDPOINTS);
        return body;
    }
}
