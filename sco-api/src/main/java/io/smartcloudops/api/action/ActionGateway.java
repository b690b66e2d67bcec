package io.smartcloudops.api.action;

import java.util.List;

/**
 * The only way to ask for an action: every request passes the remediation policy gate (dry-run
 * default, approvals, cooldowns, rate limits, circuit breaker, audit before acting). ChatOps and
 * the HTTP API get this interface, never the actions themselves.
 *
 * <pre>{@code
 * ActionResult r = gateway.request(ActionRequest.builder("restart_service", "nginx")
 *         .parameter("unit", "nginx")
 *         .requestedBy(alice)
 *         .build());
 * if (r.outcome() == ActionOutcome.PENDING_APPROVAL) gateway.approve(r.approvalId(), bob);
 * }</pre>
 */
public interface ActionGateway {

    ActionResult request(ActionRequest request);

    /** Approves and runs a pending request; the approver needs the OPERATOR role or more. */
    ActionResult approve(String approvalId, Principal approver);

    ActionResult deny(String approvalId, Principal approver, String reason);

    List<PendingApproval> pending();
}
