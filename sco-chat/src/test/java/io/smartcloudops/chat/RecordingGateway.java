package io.smartcloudops.chat;

import io.smartcloudops.api.action.ActionGateway;
import io.smartcloudops.api.action.ActionOutcome;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.action.PendingApproval;
import io.smartcloudops.api.action.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A gateway that records every call; restarts and scaling wait for approval, everything else
 * succeeds (or, for {@link #dryRun}, runs dry). Shared by the offline and LLM engines' tests.
 */
public final class RecordingGateway implements ActionGateway {

    /** One approve or deny call. */
    public record Decision(String approvalId, Principal who, boolean approved) {}

    private final Instant now;
    private final boolean dryRun;
    private final List<ActionRequest> requests = new ArrayList<>();
    private final List<Decision> decisions = new ArrayList<>();
    private final Map<String, PendingApproval> pending = new LinkedHashMap<>();
    private int nextId = 1;

    public RecordingGateway(Instant now) {
        this(now, false);
    }

    private RecordingGateway(Instant now, boolean dryRun) {
        this.now = now;
        this.dryRun = dryRun;
    }

    /** A gateway whose non-approval actions come back as dry runs, as under the agent's default mode. */
    public static RecordingGateway dryRun(Instant now) {
        return new RecordingGateway(now, true);
    }

    @Override
    public synchronized ActionResult request(ActionRequest request) {
        requests.add(request);
        if (request.action().equals("restart_service") || request.action().equals("scale_up")) {
            String id = "act-" + nextId++;
            pending.put(id, new PendingApproval(id, request, now, now.plus(Duration.ofMinutes(15))));
            return new ActionResult(
                    request.action(),
                    request.target(),
                    ActionOutcome.PENDING_APPROVAL,
                    "needs an operator's approval",
                    now,
                    Duration.ZERO,
                    id);
        }
        return dryRun
                ? ActionResult.of(request, ActionOutcome.DRY_RUN, "would run", now, Duration.ZERO)
                : ActionResult.of(request, ActionOutcome.SUCCEEDED, "ok", now, Duration.ZERO);
    }

    @Override
    public synchronized ActionResult approve(String approvalId, Principal approver) {
        decisions.add(new Decision(approvalId, approver, true));
        PendingApproval p = pending.remove(approvalId);
        if (p == null) {
            return new ActionResult(
                    "approve",
                    approvalId,
                    ActionOutcome.REJECTED,
                    "no pending approval " + approvalId,
                    now,
                    Duration.ZERO,
                    null);
        }
        return ActionResult.of(p.request(), ActionOutcome.SUCCEEDED, "restarted", now, Duration.ofSeconds(2));
    }

    @Override
    public synchronized ActionResult deny(String approvalId, Principal approver, String reason) {
        decisions.add(new Decision(approvalId, approver, false));
        PendingApproval p = pending.remove(approvalId);
        if (p == null) {
            return new ActionResult(
                    "deny",
                    approvalId,
                    ActionOutcome.REJECTED,
                    "no pending approval " + approvalId,
                    now,
                    Duration.ZERO,
                    null);
        }
        return ActionResult.of(p.request(), ActionOutcome.REJECTED, "denied: " + reason, now, Duration.ZERO);
    }

    @Override
    public synchronized List<PendingApproval> pending() {
        return List.copyOf(pending.values());
    }

    public synchronized List<ActionRequest> requests() {
        return List.copyOf(requests);
    }

    /** The requests for one action, in order. */
    public synchronized List<ActionRequest> requests(String action) {
        return requests.stream().filter(r -> r.action().equals(action)).toList();
    }

    public synchronized List<Decision> decisions() {
        return List.copyOf(decisions);
    }
}
