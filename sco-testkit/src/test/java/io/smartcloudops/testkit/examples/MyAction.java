package io.smartcloudops.testkit.examples;

import io.smartcloudops.api.action.ActionMode;
import io.smartcloudops.api.action.ActionOutcome;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.action.ParameterSpec;
import io.smartcloudops.api.action.RemediationAction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The examples' action: restarts its target when executed, and only says so in a dry run. */
final class MyAction implements RemediationAction {
    private final FakeTarget target;

    MyAction(FakeTarget target) {
        this.target = target;
    }

    @Override
    public String name() {
        return "mine";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of();
    }

    @Override
    public ActionResult execute(ActionRequest request, ActionMode mode, Instant now) {
        if (mode == ActionMode.DRY_RUN) {
            return ActionResult.of(
                    request, ActionOutcome.DRY_RUN, "would restart " + request.target(), now, Duration.ZERO);
        }
        target.restart();
        return ActionResult.of(request, ActionOutcome.SUCCEEDED, "restarted " + request.target(), now, Duration.ZERO);
    }
}
