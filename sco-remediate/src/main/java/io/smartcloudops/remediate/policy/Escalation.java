package io.smartcloudops.remediate.policy;

import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.alert.Severity;
import io.smartcloudops.api.audit.AuditException;
import io.smartcloudops.api.audit.AuditKind;
import io.smartcloudops.api.audit.AuditLog;
import io.smartcloudops.api.audit.AuditRecord;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.notify.Notification;
import java.time.InstantSource;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Tells people when the circuit breaker gives up on a target: the opening audited, then a critical
 * notification that says until when the gate leaves the target alone. The notification goes out
 * even when the audit refuses the entry.
 *
 * <p>Not thread-safe: the gate calls it under its monitor.
 */
final class Escalation {
    private final AuditLog audit;
    private final TargetGuards guards;
    private final InstantSource clock;
    private final Consumer<Notification> escalations;

    Escalation(AuditLog audit, TargetGuards guards, InstantSource clock, Consumer<Notification> escalations) {
        this.audit = audit;
        this.guards = guards;
        this.clock = clock;
        this.escalations = escalations;
    }

    void escalate(ActionRequest request, ActionResult result) {
        String key = TargetGuards.targetKey(request);
        Notification n = new Notification(
                "remediation of " + request.target() + " keeps failing",
                request.action() + " on " + request.target() + " failed repeatedly (" + result.message()
                        + "); the circuit is open until " + guards.reopensAt(key) + " and a person should look",
                Severity.CRITICAL,
                Labels.of("action", request.action(), "target", sanitizedLabel(request.target())),
                clock.instant());
        try {
            audit.append(new AuditRecord(
                    AuditKind.ACTION,
                    "policy",
                    request.target(),
                    request.action(),
                    "circuit_open",
                    result.message(),
                    Map.of("reopens_at", String.valueOf(guards.reopensAt(key)))));
        } catch (AuditException e) {
            // the escalation below still goes out: people matter more than the record here
        }
        escalations.accept(n);
    }

    private static String sanitizedLabel(String v) {
        return v.length() > 200 ? v.substring(0, 200) : v;
    }
}
