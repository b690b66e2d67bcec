package io.smartcloudops.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Alertmanager-shaped part of the HTTP API: the webhook receiver, open alerts (grouped on
 * request), silences, and rule reloads. Changing state needs an operator, as in {@link HttpApi}.
 */
final class AlertingEndpoints {
    private final ServedHost host;
    private final HttpApi api;
    private final io.smartcloudops.remediate.alerting.AlertmanagerPayload alertmanager =
            new io.smartcloudops.remediate.alerting.AlertmanagerPayload();

    AlertingEndpoints(ServedHost host, HttpApi api) {
        this.host = host;
        this.api = api;
    }

    void register(JavalinConfig config) {
        config.routes.post("/webhook/alertmanager", this::alertmanagerWebhook);
        config.routes.get("/alerts", this::alerts);
        config.routes.get(
                "/silences",
                ctx -> api.send(
                        ctx,
                        200,
                        Map.of(
                                "silences",
                                host.ops().router().silences().active(host.ops().now()).stream()
                                        .map(JsonViews::silence)
                                        .toList())));
        config.routes.post("/silences", this::createSilence);
        config.routes.delete("/silences/{id}", this::expireSilence);
        config.routes.post("/-/reload", this::reload);
    }

    private void alertmanagerWebhook(Context ctx) {
        CallerAuthentication.requireOperator(ctx);
        List<io.smartcloudops.api.alert.Alert> alerts;
        try {
            alerts = alertmanager.parse(ctx.body());
        } catch (IllegalArgumentException e) {
            throw new BadRequest(400, "not an Alertmanager webhook payload: " + e.getMessage());
        }
        int fresh;
        try {
            fresh = host.ops().router().onAlertmanager(alerts);
        } catch (io.smartcloudops.remediate.alerting.AlertCapacityException e) {
            // Alertmanager retries a 5xx answer; Retry-After says when it is worth it.
            throw new BadRequest(503, e.getMessage(), Map.of("Retry-After", "60"));
        }
        api.send(ctx, 200, Map.of("received", alerts.size(), "new", fresh));
    }

    private void alerts(Context ctx) {
        List<io.smartcloudops.api.alert.Alert> open = host.view().alerts();
        String groupBy = ctx.queryParam("group_by");
        if (groupBy == null) {
            api.send(
                    ctx,
                    200,
                    Map.of("alerts", open.stream().map(JsonViews::alert).toList()));
            return;
        }
        List<String> labels = List.of(groupBy.split(","));
        if (labels.stream().anyMatch(l -> !l.matches("[a-zA-Z_][a-zA-Z0-9_]*"))) {
            throw new BadRequest(400, "'group_by' must be label names separated by commas, got '" + groupBy + "'");
        }
        api.send(
                ctx,
                200,
                Map.of(
                        "groups",
                        io.smartcloudops.remediate.alerting.AlertGroups.group(open, labels).stream()
                                .map(JsonViews::group)
                                .toList()));
    }

    private void createSilence(Context ctx) {
        io.smartcloudops.api.action.Principal who = CallerAuthentication.requireOperator(ctx);
        JsonNode body = api.jsonObject(
                ctx, "{\"matchers\": [\"host=\\\"app\\\"\"], \"duration\": \"2h\", \"comment\": \"deploy\"}");
        JsonNode matchers = body.get("matchers");
        if (matchers == null || !matchers.isArray() || matchers.isEmpty() || matchers.size() > 20) {
            throw new BadRequest(400, "'matchers' must be a list of 1 to 20 matchers like \"host=\\\"app\\\"\"");
        }
        List<io.smartcloudops.remediate.match.Matcher> parsed = new ArrayList<>();
        for (JsonNode m : matchers) {
            try {
                parsed.add(io.smartcloudops.remediate.match.Matcher.parse(m.asText()));
            } catch (IllegalArgumentException e) {
                throw new BadRequest(400, e.getMessage());
            }
        }
        Duration duration;
        try {
            duration = io.smartcloudops.api.spi.ProviderConfig.parseDuration(
                    "duration", body.path("duration").asText("1h"));
        } catch (io.smartcloudops.api.ConfigException e) {
            throw new BadRequest(400, e.getMessage());
        }
        if (duration.isZero() || duration.compareTo(Duration.ofDays(30)) > 0) {
            throw new BadRequest(400, "'duration' must be more than zero and at most 30 days");
        }
        Instant now = host.ops().now();
        String id = host.ops().router().silences().newId();
        Instant endsAt = now.plus(duration);
        String comment = body.path("comment").asText("");
        try {
            // Validates the matchers (the mute-all guard) before anything is recorded.
            new io.smartcloudops.remediate.alerting.Silence(id, parsed, now, endsAt, who.name(), comment);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(400, e.getMessage());
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("matchers", parsed.toString());
        details.put("ends_at", endsAt.toString());
        // A body's 'created_by' (Alertmanager's field) is ignored: the actor is who authenticated.
        // Audit first: when the record cannot be written, the silence is not added and the caller gets the error.
        host.ops()
                .audit()
                .append(new io.smartcloudops.api.audit.AuditRecord(
                        io.smartcloudops.api.audit.AuditKind.ALERT,
                        who.name(),
                        id,
                        "silence",
                        "created",
                        comment,
                        details));
        var silence = host.ops().router().silences().add(id, parsed, now, endsAt, who.name(), comment);
        api.send(ctx, 200, JsonViews.silence(silence));
    }

    private void expireSilence(Context ctx) {
        io.smartcloudops.api.action.Principal who = CallerAuthentication.requireOperator(ctx);
        String id = ctx.pathParam("id");
        if (!host.ops().router().silences().contains(id, host.ops().now())) {
            throw new BadRequest(404, "no silence '" + id + "'");
        }
        host.ops()
                .audit()
                .append(new io.smartcloudops.api.audit.AuditRecord(
                        io.smartcloudops.api.audit.AuditKind.ALERT,
                        who.name(),
                        id,
                        "silence",
                        "expired",
                        "",
                        Map.of()));
        host.ops().router().silences().expire(id);
        api.send(ctx, 200, Map.of("expired", id));
    }

    private void reload(Context ctx) {
        io.smartcloudops.api.action.Principal who = CallerAuthentication.requireOperator(ctx);
        try {
            var set = host.ops().reloadRules(who.name());
            api.send(
                    ctx,
                    200,
                    Map.of(
                            "rules",
                            set.rules().size(),
                            "policies",
                            set.policies().size()));
        } catch (io.smartcloudops.remediate.rules.RuleFileException e) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", "rule file rejected; the rules in force stay");
            body.put("status", 400);
            body.put("problems", e.problems());
            api.send(ctx, 400, body);
        }
    }
}
