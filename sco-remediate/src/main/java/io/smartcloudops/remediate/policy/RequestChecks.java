package io.smartcloudops.remediate.policy;

import io.smartcloudops.api.action.ActionOutcome;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.action.RemediationAction;
import io.smartcloudops.api.action.Role;
import io.smartcloudops.remediate.state.SafetyStateException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The checks a new request passes before the {@link PolicyGate} considers acting, in order: the
 * action exists and its parameters validate, the requester is not a viewer, its idempotency key is
 * new (and is then remembered, in the gate's state too, so a redelivery after a restart is still a
 * duplicate), and its target is not held by a cooldown, an open breaker or a rate limit.
 *
 * <p>Not thread-safe: the gate calls it under its monitor.
 */
final class RequestChecks {
    private final Map<String, RemediationAction> actions;
    private final TargetGuards guards;
    private final GateState state;
    private final GateOutcomes outcomes;
    private final Map<String, Instant> seenKeys = new LinkedHashMap<>();

    RequestChecks(Map<String, RemediationAction> actions, TargetGuards guards, GateState state, GateOutcomes outcomes) {
        this.actions = actions;
        this.guards = guards;
        this.state = state;
        this.outcomes = outcomes;
    }

    /** The idempotency keys the last run of the agent saw and the gate still honours. */
    void restore(Instant now) {
        seenKeys.putAll(state.keys(now));
    }

    /** The finished (audited and told) result of a request that fails a check; null when it passes them all. */
    ActionResult refusal(ActionRequest request, Instant now) {
        RemediationAction action = actions.get(request.action());
        if (action == null) {
            return outcomes.finish(
                    request,
                    ActionOutcome.REJECTED,
                    "unknown action '" + request.action() + "'; available: "
                            + actions.keySet().stream().sorted().toList(),
                    now,
                    Duration.ZERO);
        }
        String invalid = ParameterCheck.problem(action, request);
        if (invalid != null) {
            return outcomes.finish(request, ActionOutcome.REJECTED, invalid, now, Duration.ZERO);
        }
        if (!request.requestedBy().role().atLeast(Role.OPERATOR)) {
            return outcomes.finish(
                    request,
                    ActionOutcome.REJECTED,
                    request.requestedBy().name() + " (viewer) may not request actions",
                    now,
                    Duration.ZERO);
        }
        if (request.idempotencyKey() != null && seenKeys.containsKey(request.idempotencyKey())) {
            return outcomes.suppressed(
                    request, SuppressionReason.DUPLICATE, "duplicate of request " + request.idempotencyKey(), now);
        }
        Optional<TargetGuards.Hold> hold = guards.hold(TargetGuards.targetKey(request), now);
        if (hold.isPresent()) {
            return outcomes.suppressed(request, hold.get().reason(), hold.get().message(), now);
        }
        try {
            remember(request, now);
        } catch (SafetyStateException e) {
            return outcomes.finish(request, ActionOutcome.FAILED, "not run: " + e.getMessage(), now, Duration.ZERO);
        }
        return null;
    }

    private void remember(ActionRequest request, Instant now) {
        if (request.idempotencyKey() != null) {
            state.key(request.idempotencyKey(), now);
            seenKeys.put(request.idempotencyKey(), now);
            if (seenKeys.size() > 100_000) {
                seenKeys.remove(seenKeys.keySet().iterator().next());
            }
        }
    }
}
