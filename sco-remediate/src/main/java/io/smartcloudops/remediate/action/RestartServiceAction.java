package io.smartcloudops.remediate.action;

import io.smartcloudops.api.ActionException;
import io.smartcloudops.api.action.ActionMode;
import io.smartcloudops.api.action.ActionOutcome;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.action.ParameterSpec;
import io.smartcloudops.api.action.RemediationAction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code restart_service}: restarts a service unit through the configured executor: systemd
 * ({@code systemctl restart UNIT}, the default) or the local process executor for hosts without
 * systemd. The unit name is validated by pattern and never passes through a shell.
 */
public final class RestartServiceAction implements RemediationAction {
    public static final String NAME = "restart_service";

    private final ServiceRestarter restarter;

    public RestartServiceAction(ServiceRestarter restarter) {
        this.restarter = restarter;
    }

    /** With the systemd executor: {@code systemctl} is normally {@code ["systemctl"]}. */
    public RestartServiceAction(CommandRunner runner, List<String> systemctl, Duration timeout) {
        this(new SystemctlRestarter(runner, systemctl, timeout));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "restart a service unit";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.required("unit", "[a-zA-Z0-9][a-zA-Z0-9@._-]{0,127}", "unit name"));
    }

    @Override
    public ActionResult execute(ActionRequest request, ActionMode mode, Instant now) throws ActionException {
        String unit = request.parameters().get("unit");
        if (mode == ActionMode.DRY_RUN) {
            return ActionResult.of(request, ActionOutcome.DRY_RUN, restarter.plan(unit), now, Duration.ZERO);
        }
        long started = System.nanoTime();
        String did = restarter.restart(unit);
        return ActionResult.of(
                request, ActionOutcome.SUCCEEDED, did, now, Duration.ofNanos(System.nanoTime() - started));
    }
}
