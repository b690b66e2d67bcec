package io.smartcloudops.remediate.policy;

import io.smartcloudops.api.ActionException;
import io.smartcloudops.api.RetriableActionException;
import io.smartcloudops.api.action.ActionMode;
import io.smartcloudops.api.action.ActionOutcome;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.action.RemediationAction;
import io.smartcloudops.api.action.Verification;
import io.smartcloudops.api.audit.AuditKind;
import io.smartcloudops.api.audit.AuditLog;
import io.smartcloudops.api.audit.AuditRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;

/**
 * Runs one action the {@link PolicyGate} has admitted: the act with its retries, then the checks
 * that verify it. Kept apart from the gate's decisions because it holds nothing between runs (the
 * gate's limits, breakers and approvals stay in the gate) and runs outside the gate's monitor.
 */
final class ActionAttempts {
    private final Map<String, RemediationAction> actions;
    private final AuditLog audit;
    private final InstantSource clock;
    private final ActionMode mode;
    private final RetryPolicy retry;
    private final Sleeper sleeper;

    ActionAttempts(
            Map<String, RemediationAction> actions,
            AuditLog audit,
            InstantSource clock,
            ActionMode mode,
            RetryPolicy retry,
            Sleeper sleeper) {
        this.actions = actions;
        this.audit = audit;
        this.clock = clock;
        this.mode = mode;
        this.retry = retry;
        this.sleeper = sleeper;
    }

    /** The act in the gate's mode (EXECUTE for read-only actions), retried only for failures a retry can fix. */
    ActionResult attempt(RemediationAction action, ActionRequest request, Instant now, long started) {
        for (int attempt = 1; ; attempt++) {
            try {
                return action.execute(request, action.changesTargets() ? mode : ActionMode.EXECUTE, now);
            } catch (ActionException e) {
                boolean retriable = e instanceof RetriableActionException;
                if (!retriable || attempt >= retry.maxAttempts()) {
                    return ActionResult.of(
                            request,
                            ActionOutcome.FAILED,
                            (retriable ? "gave up after " + attempt + " attempts: " : "") + e.getMessage(),
                            now,
                            Duration.ofNanos(System.nanoTime() - started));
                }
                Duration wait = retry.backoffAfter(attempt);
                audit.append(new AuditRecord(
                        AuditKind.ACTION,
                        "policy",
                        request.target(),
                        request.action(),
                        "retrying",
                        e.getMessage(),
                        Map.of("attempt", String.valueOf(attempt), "backoff_ms", String.valueOf(wait.toMillis()))));
                if (!pause(wait)) {
                    return ActionResult.of(
                            request,
                            ActionOutcome.FAILED,
                            "interrupted while retrying: " + e.getMessage(),
                            now,
                            Duration.ofNanos(System.nanoTime() - started));
                }
            } catch (RuntimeException e) {
                return ActionResult.of(
                        request,
                        ActionOutcome.FAILED,
                        "action crashed: " + e,
                        now,
                        Duration.ofNanos(System.nanoTime() - started));
            }
        }
    }

    /** The verification check, repeated until it passes or its attempts run out; the act failed if it never passes. */
    ActionResult verify(ActionRequest request, Verification v, ActionResult acted, long started) {
        RemediationAction check = actions.get(v.check().action());
        if (check == null) {
            return ActionResult.of(
                    request,
                    ActionOutcome.FAILED,
                    "cannot verify: unknown check action '" + v.check().action() + "'",
                    acted.at(),
                    acted.took());
        }
        String last = "";
        for (int i = 1; i <= v.attempts(); i++) {
            try {
                ActionResult r = check.execute(v.check(), ActionMode.EXECUTE, clock.instant());
                if (r.outcome() == ActionOutcome.SUCCEEDED) {
                    return new ActionResult(
                            acted.action(),
                            acted.target(),
                            ActionOutcome.SUCCEEDED,
                            acted.message() + "; verified: " + r.message(),
                            acted.at(),
                            Duration.ofNanos(System.nanoTime() - started),
                            null);
                }
                last = r.message();
            } catch (RuntimeException e) { // ActionException included: a failed check is a failed verification
                last = e.getMessage();
            }
            if (i < v.attempts() && !pause(v.interval())) {
                break;
            }
        }
        return new ActionResult(
                acted.action(),
                acted.target(),
                ActionOutcome.FAILED,
                acted.message() + "; verification failed after " + v.attempts() + " checks: " + last,
                acted.at(),
                Duration.ofNanos(System.nanoTime() - started),
                null);
    }

    private boolean pause(Duration d) {
        try {
            sleeper.sleep(d);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
