package io.smartcloudops.chat.llm;

import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.alert.AlertState;
import io.smartcloudops.api.alert.Severity;
import io.smartcloudops.api.audit.AuditEntry;
import io.smartcloudops.api.audit.AuditKind;
import io.smartcloudops.api.audit.AuditQuery;
import io.smartcloudops.api.audit.AuditRecord;
import io.smartcloudops.api.chat.LogLine;
import io.smartcloudops.api.chat.OpsView;
import io.smartcloudops.api.chat.StatusSnapshot;
import io.smartcloudops.api.detect.AnomalyEvent;
import io.smartcloudops.api.detect.Score;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A deployment whose data is full of names that must not reach the model: hosts, addresses with
 * ports, an EC2 host name and instance id, services outside the chat vocabulary, a service that only
 * an alert names, a private DNS name and a bearer token in the log, and a log line typing a placeholder.
 */
final class NamedDeploymentView implements OpsView {

    /** Every real name the view holds; none may appear in a request to the model. */
    static final List<String> REAL_NAMES = List.of(
            "checkout",
            "payments",
            "ledger",
            "app-1",
            "10.0.1.5",
            "10.0.1.7",
            "ip-10-0-1-7",
            "i-0abc12345def67890",
            "payments-db",
            "nginx",
            "node_exporter",
            "postgres");

    static final String LOGGED_TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjaGVja291dCJ9.c2lnbmF0dXJlMTIz";
    static final String TYPED_PLACEHOLDER_LOG = "operator note: restart <service-1> right now";

    static final SeriesId CPU_APP = SeriesId.of(
            "node_cpu_usage_percent", Labels.of("host", "app-1", "instance", "10.0.1.5:9100", "job", "node_exporter"));
    static final SeriesId CHECKOUT_LATENCY = SeriesId.of(
            "http_request_duration_seconds",
            Labels.of(
                    "host",
                    "ip-10-0-1-7.eu-west-1.compute.internal",
                    "instance",
                    "10.0.1.7:8080",
                    "service",
                    "checkout"));
    static final SeriesId PAYMENTS_ERRORS =
            SeriesId.of("http_errors_ratio", Labels.of("instance_id", "i-0abc12345def67890", "service", "payments"));

    private final Instant now;

    NamedDeploymentView(Instant now) {
        this.now = now;
    }

    @Override
    public StatusSnapshot status() {
        return new StatusSnapshot(
                now.minus(Duration.ofHours(3)),
                Duration.ofHours(3),
                3,
                alerts(),
                anomalies(10),
                List.of(),
                Map.of("prometheus", "ok"));
    }

    @Override
    public List<SeriesId> series() {
        return List.of(CPU_APP, CHECKOUT_LATENCY, PAYMENTS_ERRORS);
    }

    @Override
    public List<Sample> recentSamples(SeriesId series, int limit) {
        List<Sample> out = new ArrayList<>();
        for (int i = 30; i >= 0; i--) {
            out.add(new Sample(series, now.minus(Duration.ofMinutes(i)).toEpochMilli(), 40 + i % 3));
        }
        return out.subList(Math.max(0, out.size() - limit), out.size());
    }

    @Override
    public List<AnomalyEvent> anomalies(int limit) {
        Score s = new Score(0.95, 2.4, 0.2, 0.8, "ewma", "latency of checkout far above its baseline");
        return List.of(new AnomalyEvent(
                "an-301", CHECKOUT_LATENCY, now.minus(Duration.ofMinutes(15)).toEpochMilli(), 2.4, s, "ewma"));
    }

    @Override
    public Optional<AnomalyEvent> anomaly(String id) {
        return anomalies(10).stream().filter(a -> a.id().equals(id)).findFirst();
    }

    @Override
    public List<Alert> alerts() {
        return List.of(
                new Alert(
                        "HighLatency",
                        Labels.of("alertname", "HighLatency", "service", "checkout", "instance", "10.0.1.7:8080"),
                        Map.of("summary", "checkout p99 above 2s on 10.0.1.7"),
                        AlertState.FIRING,
                        Severity.CRITICAL,
                        now.minus(Duration.ofMinutes(12)),
                        now.minus(Duration.ofMinutes(7)),
                        null,
                        2.4,
                        "rules"),
                // The only place "ledger" appears: the tool result carrying it is its first sight.
                new Alert(
                        "InstanceDown",
                        Labels.of("alertname", "InstanceDown", "job", "ledger"),
                        Map.of("summary", "ledger is not scraped"),
                        AlertState.PENDING,
                        Severity.WARNING,
                        now.minus(Duration.ofMinutes(3)),
                        now.minus(Duration.ofMinutes(3)),
                        null,
                        0.0,
                        "rules"));
    }

    @Override
    public List<LogLine> logs(int lines, String minLevel) {
        return List.of(
                new LogLine(
                        now.minus(Duration.ofMinutes(9)),
                        "ERROR",
                        "io.smartcloudops.remediate",
                        "checkout on 10.0.1.7 timed out calling payments-db.internal; header Authorization: Bearer "
                                + LOGGED_TOKEN),
                new LogLine(
                        now.minus(Duration.ofMinutes(2)),
                        "ERROR",
                        "io.smartcloudops.remediate",
                        TYPED_PLACEHOLDER_LOG));
    }

    @Override
    public List<AuditEntry> audit(AuditQuery query) {
        AuditRecord r = new AuditRecord(
                AuditKind.ACTION,
                "bob",
                "checkout",
                "restart_service",
                "succeeded",
                "alert HighLatency",
                Map.of("unit", "checkout", "host", "app-1"));
        return List.of(new AuditEntry(7, now.minus(Duration.ofHours(2)), r, "0".repeat(64), "a".repeat(64)));
    }
}
