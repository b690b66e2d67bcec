package io.smartcloudops.server;

import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.action.PendingApproval;
import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.audit.AuditEntry;
import io.smartcloudops.api.chat.ChatReply;
import io.smartcloudops.api.chat.LogLine;
import io.smartcloudops.api.chat.StatusSnapshot;
import io.smartcloudops.api.detect.AnomalyEvent;
import io.smartcloudops.api.forecast.ForecastPoint;
import io.smartcloudops.api.forecast.SeriesForecast;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTTP API's wire format, spelled out field by field so that renaming a Java accessor never
 * changes what scripts read. Times are ISO-8601 strings, names are snake_case.
 */
final class JsonViews {
    private JsonViews() {}

    /** @param health this agent's own parts ({@code ok} or what is wrong); degraded when any is not ok */
    static Map<String, Object> status(StatusSnapshot s, String mode, String detector, Map<String, String> health) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("up", true);
        m.put("degraded", health.values().stream().anyMatch(v -> !v.equals("ok")));
        m.put("health", health);
        m.put("started_at", s.startedAt().toString());
        m.put("uptime_seconds", s.uptime().toSeconds());
        m.put("series_watched", s.seriesWatched());
        m.put("action_mode", mode);
        m.put("detector", detector);
        m.put("open_alerts", s.openAlerts().stream().map(JsonViews::alert).toList());
        m.put(
                "recent_anomalies",
                s.recentAnomalies().stream().map(JsonViews::anomaly).toList());
        m.put(
                "recent_actions",
                s.recentActions().stream().map(JsonViews::action).toList());
        m.put("sources", s.sources());
        return m;
    }

    static Map<String, Object> alert(Alert a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", a.name());
        m.put("state", a.state().name().toLowerCase(Locale.ROOT));
        m.put("severity", a.severity().label());
        m.put("labels", a.labels().asMap());
        m.put("annotations", a.annotations());
        m.put("active_since", a.activeSince().toString());
        m.put("fired_at", a.firedAt() == null ? null : a.firedAt().toString());
        m.put("value", finite(a.value()));
        m.put("fingerprint", a.fingerprint());
        m.put("source", a.source());
        return m;
    }

    static Map<String, Object> group(io.smartcloudops.remediate.alerting.AlertGroups.Group g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("labels", g.groupLabels().asMap());
        m.put("severity", g.severity().label());
        m.put("since", g.since().toString());
        m.put("alerts", g.alerts().stream().map(JsonViews::alert).toList());
        return m;
    }

    static Map<String, Object> silence(io.smartcloudops.remediate.alerting.Silence s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("matchers", s.matchers().stream().map(Object::toString).toList());
        m.put("starts_at", s.startsAt().toString());
        m.put("ends_at", s.endsAt().toString());
        m.put("created_by", s.createdBy());
        m.put("comment", s.comment());
        return m;
    }

    static Map<String, Object> anomaly(AnomalyEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("series", e.series().toString());
        m.put("metric", e.series().name());
        m.put("labels", e.series().labels().asMap());
        m.put("at", Instant.ofEpochMilli(e.timestampMillis()).toString());
        m.put("value", finite(e.value()));
        m.put("score", e.score().value());
        m.put("expected", finite(e.score().expected()));
        m.put("lower", finite(e.score().lower()));
        m.put("upper", finite(e.score().upper()));
        m.put("component", e.score().component());
        m.put("reason", e.score().reason());
        m.put("detector", e.detector());
        return m;
    }

    static Map<String, Object> action(ActionResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("action", r.action());
        m.put("target", r.target());
        m.put("outcome", r.outcome().label());
        m.put("message", r.message());
        m.put("at", r.at().toString());
        m.put("took_ms", r.took().toMillis());
        if (r.approvalId() != null) {
            m.put("approval_id", r.approvalId());
        }
        return m;
    }

    static Map<String, Object> approval(PendingApproval p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("action", p.request().action());
        m.put("target", p.request().target());
        m.put("parameters", p.request().parameters());
        m.put("requested_by", p.request().requestedBy().name());
        m.put("requested_at", p.requestedAt().toString());
        m.put("expires_at", p.expiresAt().toString());
        return m;
    }

    static Map<String, Object> audit(AuditEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", e.sequence());
        m.put("at", e.recordedAt().toString());
        m.put("kind", e.record().kind().name().toLowerCase(Locale.ROOT));
        m.put("actor", e.record().actor());
        m.put("subject", e.record().subject());
        m.put("action", e.record().action());
        m.put("outcome", e.record().outcome());
        m.put("reason", e.record().reason());
        m.put("details", e.record().details());
        m.put("hash", e.hash());
        return m;
    }

    static Map<String, Object> log(LogLine l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", l.at().toString());
        m.put("level", l.level());
        m.put("logger", l.logger());
        m.put("message", l.message());
        return m;
    }

    /** {@code [epoch millis, value, expected, lower, upper]}, nulls where unknown: compact for charts. */
    static List<Double> point(io.smartcloudops.runtime.ChartPoint p) {
        return Arrays.asList(
                (double) p.timestampMillis(),
                finite(p.value()),
                finite(p.expected()),
                finite(p.lower()),
                finite(p.upper()));
    }

    static Map<String, Object> reply(ChatReply r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("intent", r.intent());
        m.put("slots", r.slots());
        m.put("answer", r.answer());
        m.put("data", r.data());
        m.put("confidence", r.confidence());
        m.put("engine", r.engine());
        if (r.approvalId() != null) {
            m.put("approval_id", r.approvalId());
        }
        return m;
    }

    /** JSON has no NaN or infinity; those become null. */
    /** A forecast as the API shows it: points as [epoch ms, mean, lower80, upper80, lower95, upper95], or the refusal. */
    static Map<String, Object> forecast(SeriesForecast f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("series", f.series().toString());
        if (f instanceof SeriesForecast.Refused r) {
            m.put("refused", r.reason());
            m.put("neededSamples", r.neededSamples());
            m.put("availableSamples", r.availableSamples());
            return m;
        }
        SeriesForecast.Projection p = (SeriesForecast.Projection) f;
        m.put("from", p.from().toString());
        m.put("last", p.last());
        m.put("stepSeconds", p.step().toMillis() / 1000.0);
        m.put("min", finite(p.range().min()));
        m.put("max", finite(p.range().max()));
        m.put("model", p.model());
        m.put("samples", p.samples());
        m.put("points", p.points().stream().map(JsonViews::forecastPoint).toList());
        p.crossing().ifPresent(c -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("threshold", c.threshold());
            x.put("at", c.at().map(Instant::toString).orElse(null));
            x.put("earliest", c.earliest().map(Instant::toString).orElse(null));
            x.put("latest", c.latest().map(Instant::toString).orElse(null));
            x.put("withinHorizon", c.withinHorizon());
            x.put("horizonEnd", c.horizonEnd().toString());
            m.put("crossing", x);
        });
        return m;
    }

    private static List<Double> forecastPoint(ForecastPoint p) {
        return List.of((double) p.at().toEpochMilli(), p.mean(), p.lower80(), p.upper80(), p.lower95(), p.upper95());
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
