package io.smartcloudops.api.audit;

import java.util.Map;
import java.util.Objects;

/**
 * What is to be recorded: who or what caused it, about what, why, and with which result.
 *
 * <pre>{@code
 * log.append(new AuditRecord(
 *         AuditKind.ACTION,
 *         "system",
 *         "nginx",
 *         "restart_service",
 *         "dry_run",
 *         "alert NginxDown",
 *         Map.of("unit", "nginx")));
 * }</pre>
 *
 * @param actor the principal or component that caused it
 * @param subject the target: a host, service, alert fingerprint
 * @param action the action or transition name
 * @param outcome the result or new state
 * @param reason why: the rule, alert, or query
 * @param details parameters, timings and the like
 */
public record AuditRecord(
        AuditKind kind,
        String actor,
        String subject,
        String action,
        String outcome,
        String reason,
        Map<String, String> details) {

    public AuditRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(actor, "actor");
        subject = subject == null ? "" : subject;
        action = action == null ? "" : action;
        outcome = outcome == null ? "" : outcome;
        reason = reason == null ? "" : reason;
        details = Map.copyOf(details);
    }
}
