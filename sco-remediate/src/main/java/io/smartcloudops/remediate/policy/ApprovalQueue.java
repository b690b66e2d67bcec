package io.smartcloudops.remediate.policy;

import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.PendingApproval;
import io.smartcloudops.api.action.Principal;
import io.smartcloudops.api.action.Role;
import io.smartcloudops.api.action.Verification;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The destructive actions waiting for a person: each gets an unguessable id and an expiry, is kept
 * in the gate's state (so it survives a restart) before it is listed, and leaves the queue once it
 * is approved, denied or found expired. Who may approve is decided here too. Not thread-safe: the
 * gate calls it only under its monitor.
 */
final class ApprovalQueue {
    private final Map<String, PendingApproval> approvals = new LinkedHashMap<>();
    private final Map<String, Verification> verifications = new HashMap<>();
    private final UnguessableIds approvalIds = new UnguessableIds("apr-");
    private final GateState state;
    private final Duration approvalTtl;
    private final boolean fourEyes;

    ApprovalQueue(GateState state, Duration approvalTtl, boolean fourEyes) {
        this.state = state;
        this.approvalTtl = approvalTtl;
        this.fourEyes = fourEyes;
    }

    /** The approvals the last run of the agent left pending and not yet expired. */
    void restore(Instant now) {
        for (GateState.StoredApproval a : state.approvals(now)) {
            approvals.put(a.pending().id(), a.pending());
            a.verification().ifPresent(v -> verifications.put(a.pending().id(), v));
        }
    }

    /**
     * Queues {@code request} until {@code now} plus the approval time.
     *
     * @throws io.smartcloudops.remediate.state.SafetyStateException when it cannot be stored; it is then not queued
     */
    PendingApproval enqueue(ActionRequest request, Optional<Verification> verification, Instant now) {
        String id = approvalIds.next();
        PendingApproval pending = new PendingApproval(id, request, now, now.plus(approvalTtl));
        state.approval(pending, verification);
        approvals.put(id, pending);
        verification.ifPresent(v -> verifications.put(id, v));
        return pending;
    }

    /** The pending approval {@code approvalId}, expired or not; null when there is none. */
    PendingApproval get(String approvalId) {
        return approvals.get(approvalId);
    }

    /**
     * Why {@code approver} may not approve {@code p}, or null when they may. A refusal leaves the
     * approval pending for someone else.
     */
    String refusal(PendingApproval p, Principal approver) {
        if (!approver.role().atLeast(Role.OPERATOR) || approver.name().equals("system")) {
            return approver.name() + " may not approve";
        }
        if (fourEyes && samePerson(approver, p.request().requestedBy())) {
            return approver.name() + " asked for this destructive action and"
                    + " may not approve it too (four eyes); another operator must";
        }
        return null;
    }

    /** Takes {@code approvalId} out of the queue and the stored state; its verification, if it had one. */
    Optional<Verification> take(String approvalId) {
        state.approvalDone(approvalId);
        approvals.remove(approvalId);
        return Optional.ofNullable(verifications.remove(approvalId));
    }

    /** The approvals still waiting at {@code now}, oldest first. */
    List<PendingApproval> pending(Instant now) {
        return new ArrayList<>(
                approvals.values().stream().filter(p -> !p.expiredAt(now)).toList());
    }

    /**
     * One person, however they came in: {@code alice} directly and {@code alice@app} (alice
     * through the app host's link) are the same person for four eyes.
     */
    static boolean samePerson(Principal a, Principal b) {
        return person(a.name()).equalsIgnoreCase(person(b.name()));
    }

    private static String person(String name) {
        int at = name.indexOf('@');
        return at < 0 ? name : name.substring(0, at);
    }
}
