package io.smartcloudops.remediate.policy;

import io.smartcloudops.api.action.ActionOutcome;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.action.RemediationAction;
import io.smartcloudops.api.action.Verification;
import io.smartcloudops.api.audit.AuditException;
import io.smartcloudops.api.audit.AuditKind;
import io.smartcloudops.api.audit.AuditLog;
import io.smartcloudops.api.audit.AuditRecord;
import io.smartcloudops.remediate.state.SafetyStateException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The last step before an action runs, for a new request and an approved one alike: the breaker's
 * say (one trial at a time through a half-open breaker), the act kept in the gate's state, the
 * attempt audited <em>before</em> it runs (an action that cannot be audited does not happen), and
 * the act counted against the cooldown and the limits.
 *
 * <p>Not thread-safe: the gate calls it under its monitor.
 */
final class Admission {
    private final TargetGuards guards;
    private final AuditLog audit;
    private final GateOutcomes outcomes;

    Admission(TargetGuards guards, AuditLog audit, GateOutcomes outcomes) {
        this.guards = guards;
        this.audit = audit;
        this.outcomes = outcomes;
    }

    /** Under the monitor: the breaker's say, the audit entry before the act, and the act counted. */
    Decision admit(RemediationAction action, ActionRequest request, Optional<Verification> verification, Instant now) {
        String target = TargetGuards.targetKey(request);
        Optional<TargetGuards.Hold> trial = guards.trialUnderWay(target, now);
        if (trial.isPresent()) {
            return Decision.done(outcomes.suppressed(
                    request, trial.get().reason(), trial.get().message(), now));
        }
        try {
            // kept first: an act the audit then refuses only makes the gate more careful after a restart
            guards.keep(target, now);
        } catch (SafetyStateException e) {
            ActionResult r =
                    ActionResult.of(request, ActionOutcome.FAILED, "not run: " + e.getMessage(), now, Duration.ZERO);
            outcomes.tell(r);
            return Decision.done(r);
        }
        try {
            audit.append(new AuditRecord(
                    AuditKind.ACTION,
                    request.requestedBy().name(),
                    request.target(),
                    request.action(),
                    "started",
                    request.reason(),
                    outcomes.withMode(request.parameters())));
        } catch (AuditException e) {
            ActionResult r = ActionResult.of(
                    request,
                    ActionOutcome.FAILED,
                    "not run: the attempt could not be audited (" + e.getMessage() + ")",
                    now,
                    Duration.ZERO);
            outcomes.tell(r);
            return Decision.done(r);
        }
        guards.count(target, now);
        return new Decision(null, new Decision.Run(action, request, verification, now));
    }
}
