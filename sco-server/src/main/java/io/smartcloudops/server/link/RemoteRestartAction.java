package io.smartcloudops.server.link;

import com.fasterxml.jackson.core.type.TypeReference;
import io.smartcloudops.api.ActionException;
import io.smartcloudops.api.NonRetriableActionException;
import io.smartcloudops.api.RetriableActionException;
import io.smartcloudops.api.action.ActionMode;
import io.smartcloudops.api.action.ActionOutcome;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.action.ParameterSpec;
import io.smartcloudops.api.action.RemediationAction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code restart_service} on the monitor of a pair: a target that names a peer host (for example
 * {@code app}) is restarted by that host, asked over the link, where its own policy gate checks
 * and audits it again; any other host name is restarted here. A target that is no host name (empty,
 * or host:port such as an alert's {@code instance}) is refused: run here it would restart the
 * monitor's unit for a service of another host. The monitor's gate has already decided, audited
 * and (in dry-run) stopped the request before this runs.
 */
public final class RemoteRestartAction implements RemediationAction {
    private final RemediationAction local;
    private final Map<String, PeerClient> peers;

    public RemoteRestartAction(RemediationAction local, Map<String, PeerClient> peers) {
        this.local = Objects.requireNonNull(local);
        this.peers = Map.copyOf(peers);
    }

    @Override
    public String name() {
        return local.name();
    }

    @Override
    public String description() {
        return local.description() + " (on " + String.join(" or ", peers.keySet()) + " through that host, else here)";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return local.parameters();
    }

    @Override
    public ActionResult execute(ActionRequest request, ActionMode mode, Instant now) throws ActionException {
        PeerClient peer = peers.get(request.target());
        if (peer == null) {
            if (request.target().isBlank() || request.target().contains(":")) {
                throw new NonRetriableActionException(
                        "restart_service target '" + request.target() + "' is no host name, so it is"
                                + " not restarted here: a policy target names the host ("
                                + String.join(", ", peers.keySet())
                                + " or this one), e.g. '{{ $labels.host }}', not '{{ $labels.instance }}'",
                        null);
            }
            return local.execute(request, mode, now);
        }
        String unit = request.parameters().get("unit");
        if (mode == ActionMode.DRY_RUN) {
            return ActionResult.of(
                    request,
                    ActionOutcome.DRY_RUN,
                    "would ask " + request.target() + " (" + peer.peer().url() + ") to restart " + unit,
                    now,
                    Duration.ZERO);
        }
        long started = System.nanoTime();
        ActionResult theirs;
        try {
            theirs = peer.post(RemoteOpsView.BASE + "/actions", request, new TypeReference<ActionResult>() {});
        } catch (PeerUnavailableException e) {
            // no answer: the peer may be restarting; a 4xx is a refusal that a retry will not change
            if (e.status() / 100 == 4) {
                throw new NonRetriableActionException(e.getMessage(), e);
            }
            throw new RetriableActionException(e.getMessage(), e);
        }
        String said = request.target() + ": " + theirs.outcome().label()
                + (theirs.message().isEmpty() ? "" : ", " + theirs.message());
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        return switch (theirs.outcome()) {
            case SUCCEEDED -> ActionResult.of(request, ActionOutcome.SUCCEEDED, said, now, took);
            case DRY_RUN ->
                ActionResult.of(request, ActionOutcome.DRY_RUN, said + " (that host runs its actions dry)", now, took);
            case FAILED -> throw new RetriableActionException(said, null);
            default -> throw new NonRetriableActionException(said, null);
        };
    }
}
