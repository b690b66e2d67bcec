package io.smartcloudops.remediate.policy;

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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** An action that plays a script of outcomes ('ok', 'retry', 'fail', 'unhealthy') and counts its real runs. */
final class ScriptedAction implements RemediationAction {
    private final String name;
    private final Deque<String> script = new ArrayDeque<>();
    final List<String> runs = new ArrayList<>();
    /** Whether the gate must hold it for an approval in EXECUTE mode. */
    boolean destructive;

    ScriptedAction(String name, String... steps) {
        this.name = name;
        script.addAll(List.of(steps));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean destructive() {
        return destructive;
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of();
    }

    @Override
    public ActionResult execute(ActionRequest r, ActionMode mode, Instant now) throws ActionException {
        if (mode == ActionMode.DRY_RUN) {
            return ActionResult.of(r, ActionOutcome.DRY_RUN, "would " + name, now, Duration.ZERO);
        }
        String step = script.isEmpty() ? "ok" : script.removeFirst();
        runs.add(step);
        return switch (step) {
            case "retry" -> throw new RetriableActionException(name + " timed out");
            case "fail" -> throw new NonRetriableActionException(name + " access denied");
            case "unhealthy" -> ActionResult.of(r, ActionOutcome.FAILED, "status 503", now, Duration.ZERO);
            default -> ActionResult.of(r, ActionOutcome.SUCCEEDED, name + " ok", now, Duration.ZERO);
        };
    }
}
