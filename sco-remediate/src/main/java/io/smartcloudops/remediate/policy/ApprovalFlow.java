package io.smartcloudops.remediate.policy;

import io.smartcloudops.api.action.ActionOutcome;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.action.PendingApproval;
import io.smartcloudops.api.action.Principal;
import io.smartcloudops.api.action.RemediationAction;
import io.smartcloudops.api.action.Verification;
import io.smartcloudops.api.audit.AuditKind;
import io.smartcloudops.api.audit.AuditLog;
import io.smartcloudops.api.audit.AuditRecord;
import io.smartcloudops.remediate.state.SafetyStateException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The audited steps of a destructive action in EXECUTE mode: queued for approval (and told as
 * pending), then approved by someone who may (and admitted like a new request) or denied; an
 * expired or unknown approval is rejected. Who may approve and what is pending live in the
 * {@link ApprovalQueue}.
 *
 * <p>Not thread-safe: the gate calls it under its monitor.
 */
final class ApprovalFlow {
    private final Map<String, RemediationAction> actions;
    private final ApprovalQueue approvals;
    private final AuditLog audit;
    private final GateOutcomes outcomes;
    private final Admission admission;

    ApprovalFlow(
            Map<String, RemediationAction> actions,
            ApprovalQueue approvals,
            AuditLog audit,
            GateOutcomes outcomes,
            Admission admission) {
        this.actions = actions;
        this.approvals = approvals;
        this.audit = audit;
        this.outcomes = outcomes;
        this.admission = admission;
    }

    /** Queues a request that passed its checks until a person approves it; nothing runs now. */
    Decision awaitApproval(ActionRequest request, Optional<Verification> verification, Instant now) {
        PendingApproval pending;
        try {
            pending = approvals.enqueue(request, verification, now);
        } catch (SafetyStateException e) {
            return Decision.done(outcomes.finish(
                    request, ActionOutcome.FAILED, "not queued for approval: " + e.getMessage(), now, Duration.ZERO));
        }
        String id = pending.id();
        ActionResult r = new ActionResult(
                request.action(),
                request.target(),
                ActionOutcome.PENDING_APPROVAL,
                "destructive action waits for approval " + id + " until " + pending.expiresAt(),
                now,
                Duration.ZERO,
                id);
        outcomes.record(request, r, Map.of("approval_id", id));
        outcomes.tell(r);
        return Decision.done(r);
    }

    Decision approve(String approvalId, Principal approver, Instant now) {
        PendingApproval p = approvals.get(approvalId);
        if (p == null) {
            return Decision.done(answerWithoutRequest(approvalId, "no pending approval '" + approvalId + "'", now));
        }
        String refusal = approvals.refusal(p, approver);
        if (refusal != null) {
            // the request stays pending for someone else; refusing it does not use it up
            return Decision.done(outcomes.finish(p.request(), ActionOutcome.REJECTED, refusal, now, Duration.ZERO));
        }
        Optional<Verification> verification = approvals.take(approvalId);
        if (p.expiredAt(now)) {
            return Decision.done(outcomes.finish(
                    p.request(),
                    ActionOutcome.REJECTED,
                    "approval " + approvalId + " expired at " + p.expiresAt(),
                    now,
                    Duration.ZERO));
        }
        audit.append(new AuditRecord(
                AuditKind.APPROVAL,
                approver.name(),
                p.request().target(),
                p.request().action(),
                "approved",
                "approval " + approvalId,
                Map.of(
                        "approval_id",
                        approvalId,
                        "requested_by",
                        p.request().requestedBy().name())));
        return admission.admit(actions.get(p.request().action()), p.request(), verification, now);
    }

    ActionResult deny(String approvalId, Principal approver, String reason, Instant now) {
        PendingApproval p = approvals.get(approvalId);
        if (p == null) {
            return answerWithoutRequest(approvalId, "no pending approval '" + approvalId + "'", now);
        }
        approvals.take(approvalId);
        audit.append(new AuditRecord(
                AuditKind.APPROVAL,
                approver.name(),
                p.request().target(),
                p.request().action(),
                "denied",
                reason == null ? "" : reason,
                Map.of("approval_id", approvalId)));
        ActionResult r = new ActionResult(
                p.request().action(),
                p.request().target(),
                ActionOutcome.REJECTED,
                "denied by " + approver.name(),
                now,
                Duration.ZERO,
                approvalId);
        outcomes.tell(r);
        return r;
    }

    private static ActionResult answerWithoutRequest(String approvalId, String message, Instant now) {
        return new ActionResult(
                "approve",
                approvalId == null ? "" : approvalId,
                ActionOutcome.REJECTED,
                message,
                now,
                Duration.ZERO,
                null);
    }
}
