package io.smartcloudops.server.link;

import com.fasterxml.jackson.core.type.TypeReference;
import io.smartcloudops.api.action.ActionGateway;
import io.smartcloudops.api.action.ActionOutcome;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.action.PendingApproval;
import io.smartcloudops.api.action.Principal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The monitor's policy gate, asked over the link: on the application host, chat proposals,
 * approvals and denials go to the one gate of the deployment, in the caller's name (the monitor
 * records them as {@code name@app-token}, with no more rights than the app's own token).
 * When the monitor is unreachable nothing happens and the result says so.
 */
public final class RemoteActionGateway implements ActionGateway {
    private final PeerClient monitor;
    private final InstantSource clock;

    public RemoteActionGateway(PeerClient monitor, InstantSource clock) {
        this.monitor = Objects.requireNonNull(monitor);
        this.clock = Objects.requireNonNull(clock);
    }

    /** The body of the approve and deny routes. */
    public record Decision(Principal principal, String reason) {}

    @Override
    public ActionResult request(ActionRequest request) {
        try {
            return monitor.post(RemoteOpsView.BASE + "/actions", request, new TypeReference<>() {});
        } catch (PeerUnavailableException e) {
            return new ActionResult(
                    request.action(),
                    request.target(),
                    ActionOutcome.REJECTED,
                    "not sent: " + e.getMessage() + "; nothing was done",
                    clock.instant(),
                    Duration.ZERO,
                    null);
        }
    }

    @Override
    public ActionResult approve(String approvalId, Principal approver) {
        return decide(approvalId, "approve", new Decision(approver, ""));
    }

    @Override
    public ActionResult deny(String approvalId, Principal approver, String reason) {
        return decide(approvalId, "deny", new Decision(approver, reason));
    }

    private ActionResult decide(String approvalId, String verb, Decision decision) {
        String path =
                RemoteOpsView.BASE + "/approvals/" + URLEncoder.encode(approvalId, StandardCharsets.UTF_8) + "/" + verb;
        try {
            return monitor.post(path, decision, new TypeReference<>() {});
        } catch (PeerUnavailableException e) {
            return new ActionResult(
                    verb,
                    approvalId,
                    ActionOutcome.REJECTED,
                    "not sent: " + e.getMessage() + "; nothing was done",
                    clock.instant(),
                    Duration.ZERO,
                    null);
        }
    }

    @Override
    public List<PendingApproval> pending() {
        return monitor.get(RemoteOpsView.BASE + "/approvals", Map.of(), new TypeReference<>() {});
    }
}
