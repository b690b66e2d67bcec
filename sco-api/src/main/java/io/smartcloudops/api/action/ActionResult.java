package io.smartcloudops.api.action;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How one action request ended.
 *
 * <pre>{@code
 * ActionResult r = gateway.request(request);
 * if (r.outcome() == ActionOutcome.PENDING_APPROVAL) tell("approve with id " + r.approvalId());
 * }</pre>
 *
 * @param approvalId the pending approval's id when the outcome is PENDING_APPROVAL, else null
 */
public record ActionResult(
        String action,
        String target,
        ActionOutcome outcome,
        String message,
        Instant at,
        Duration took,
        String approvalId) {

    public ActionResult {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(took, "took");
        message = message == null ? "" : message;
    }

    public static ActionResult of(
            ActionRequest request, ActionOutcome outcome, String message, Instant at, Duration took) {
        return new ActionResult(request.action(), request.target(), outcome, message, at, took, null);
    }
}
