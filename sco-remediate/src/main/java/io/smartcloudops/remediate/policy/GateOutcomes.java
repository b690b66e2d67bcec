package io.smartcloudops.remediate.policy;

import io.smartcloudops.api.action.ActionMode;
import io.smartcloudops.api.action.ActionOutcome;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.audit.AuditException;
import io.smartcloudops.api.audit.AuditKind;
import io.smartcloudops.api.audit.AuditLog;
import io.smartcloudops.api.audit.AuditRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How the {@link PolicyGate} ends a request: the outcome audited (with the gate's mode, the
 * request's parameters and its idempotency key), then told to the gate's listener; a suppression is
 * also counted by its reason. An outcome that cannot be audited is still told, saying so.
 *
 * <p>Not thread-safe: the gate calls it under its monitor.
 */
final class GateOutcomes {
    private final AuditLog audit;
    private final ActionMode mode;
    private final Consumer<ActionResult> listener;
    private final Consumer<SuppressionReason> suppressions;

    GateOutcomes(
            AuditLog audit,
            ActionMode mode,
            Consumer<ActionResult> listener,
            Consumer<SuppressionReason> suppressions) {
        this.audit = audit;
        this.mode = mode;
        this.listener = listener;
        this.suppressions = suppressions;
    }

    ActionResult suppressed(ActionRequest request, SuppressionReason reason, String message, Instant now) {
        suppressions.accept(reason);
        return finish(request, ActionOutcome.SUPPRESSED, message, now, Duration.ZERO);
    }

    /** Counts a suppression whose result is finished elsewhere (a dry run's, once it ran). */
    void count(SuppressionReason reason) {
        suppressions.accept(reason);
    }

    /** Tells the listener of a result that is audited elsewhere, or that must not be (the audit refused it). */
    void tell(ActionResult r) {
        listener.accept(r);
    }

    Map<String, String> withMode(Map<String, String> parameters) {
        Map<String, String> m = new LinkedHashMap<>(parameters);
        m.put("mode", mode.name().toLowerCase(Locale.ROOT));
        return m;
    }

    ActionResult finish(ActionRequest request, ActionOutcome outcome, String message, Instant now, Duration took) {
        return finish(request, ActionResult.of(request, outcome, message, now, took));
    }

    ActionResult finish(ActionRequest request, ActionResult result) {
        ActionResult r = result;
        try {
            record(request, result, Map.of());
        } catch (AuditException e) {
            r = new ActionResult(
                    result.action(),
                    result.target(),
                    result.outcome(),
                    result.message() + " (outcome not audited: " + e.getMessage() + ")",
                    result.at(),
                    result.took(),
                    result.approvalId());
        }
        listener.accept(r);
        return r;
    }

    /** The outcome's audit entry; throws {@link AuditException} when it cannot be written. */
    void record(ActionRequest request, ActionResult result, Map<String, String> extra) {
        Map<String, String> details = new LinkedHashMap<>(withMode(request.parameters()));
        details.putAll(extra);
        details.put("message", result.message());
        details.put("took_ms", String.valueOf(result.took().toMillis()));
        if (request.idempotencyKey() != null) {
            details.put("idempotency_key", request.idempotencyKey());
        }
        audit.append(new AuditRecord(
                AuditKind.ACTION,
                request.requestedBy().name(),
                request.target(),
                request.action(),
                result.outcome().label(),
                request.reason(),
                details));
    }
}
