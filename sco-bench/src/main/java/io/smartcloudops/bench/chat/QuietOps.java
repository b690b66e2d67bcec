package io.smartcloudops.bench.chat;

import io.smartcloudops.api.action.ActionGateway;
import io.smartcloudops.api.action.ActionOutcome;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.action.PendingApproval;
import io.smartcloudops.api.action.Principal;
import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.audit.AuditEntry;
import io.smartcloudops.api.audit.AuditQuery;
import io.smartcloudops.api.chat.LogLine;
import io.smartcloudops.api.chat.OpsView;
import io.smartcloudops.api.chat.StatusSnapshot;
import io.smartcloudops.api.detect.AnomalyEvent;
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
 * A small, steady deployment for measuring the chat engine alone: a few series with an hour of
 * points, no alerts, and a gateway that answers every request as a dry run.
 */
final class QuietOps implements OpsView, ActionGateway {
    private final Instant now = Instant.parse("2026-11-27T00:00:00Z");
    private final List<SeriesId> series = new ArrayList<>();

    QuietOps() {
        for (String host : List.of("app", "monitor")) {
            for (String m : List.of(
                    "node_cpu_usage_percent",
                    "node_memory_usage_percent",
                    "node_filesystem_usage_percent",
                    "node_load1")) {
                series.add(SeriesId.of(m, Labels.of("host", host)));
            }
        }
    }

    @Override
    public StatusSnapshot status() {
        return new StatusSnapshot(
                now.minus(Duration.ofHours(1)),
                Duration.ofHours(1),
                series.size(),
                List.of(),
                List.of(),
                List.of(),
                Map.of("host", "ok"));
    }

    @Override
    public List<SeriesId> series() {
        return series;
    }

    @Override
    public List<Sample> recentSamples(SeriesId id, int limit) {
        List<Sample> out = new ArrayList<>();
        for (int i = Math.max(0, 240 - limit); i < 240; i++) {
            out.add(new Sample(id, now.minusSeconds(15L * (240 - i)).toEpochMilli(), 40 + (i % 7)));
        }
        return out;
    }

    @Override
    public List<AnomalyEvent> anomalies(int limit) {
        return List.of();
    }

    @Override
    public Optional<AnomalyEvent> anomaly(String id) {
        return Optional.empty();
    }

    @Override
    public List<Alert> alerts() {
        return List.of();
    }

    @Override
    public List<LogLine> logs(int lines, String minLevel) {
        return List.of(new LogLine(now, "INFO", "agent", "agent started"));
    }

    @Override
    public List<AuditEntry> audit(AuditQuery query) {
        return List.of();
    }

    @Override
    public ActionResult request(ActionRequest request) {
        return ActionResult.of(request, ActionOutcome.DRY_RUN, "would run", now, Duration.ZERO);
    }

    @Override
    public ActionResult approve(String approvalId, Principal approver) {
        return new ActionResult(
                "approve",
                approvalId,
                ActionOutcome.REJECTED,
                "no pending approval '" + approvalId + "'",
                now,
                Duration.ZERO,
                null);
    }

    @Override
    public ActionResult deny(String approvalId, Principal approver, String reason) {
        return approve(approvalId, approver);
    }

    @Override
    public List<PendingApproval> pending() {
        return List.of();
    }
}
