package io.smartcloudops.remediate.action;

import io.smartcloudops.api.ActionException;
import io.smartcloudops.api.NonRetriableActionException;
import io.smartcloudops.api.action.ActionMode;
import io.smartcloudops.api.action.ActionOutcome;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.action.ParameterSpec;
import io.smartcloudops.api.action.RemediationAction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code restart_service}: restarts a systemd unit with {@code systemctl restart UNIT}. The unit
 * name is validated by pattern and passed as one argument, never through a shell.
 */
public final class RestartServiceAction implements RemediationAction {
    public static final String NAME = "restart_service";

    private final CommandRunner runner;
    private final List<String> systemctl;
    private final Duration timeout;

    /**
     * @param systemctl the command prefix, normally {@code ["systemctl"]} (tests and non-root
     *     setups may use {@code ["sudo", "-n", "systemctl"]} or a stand-in)
     */
    public RestartServiceAction(CommandRunner runner, List<String> systemctl, Duration timeout) {
        this.runner = runner;
        this.systemctl = List.copyOf(systemctl);
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "restart a systemd unit";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.required("unit", "[a-zA-Z0-9][a-zA-Z0-9@._-]{0,127}", "systemd unit name"));
    }

    @Override
    public ActionResult execute(ActionRequest request, ActionMode mode, Instant now) throws ActionException {
        List<String> command = new ArrayList<>(systemctl);
        command.add("restart");
        command.add(request.parameters().get("unit"));
        if (mode == ActionMode.DRY_RUN) {
            return ActionResult.of(request, ActionOutcome.DRY_RUN, "would run: " + String.join(" ", command), now, Duration.ZERO);
        }
        long started = System.nanoTime();
        CommandRunner.Result r = runner.run(command, timeout);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (r.exitCode() != 0) {
            throw new NonRetriableActionException(String.join(" ", command) + " exited " + r.exitCode() + ": " + r.output());
        }
        return ActionResult.of(request, ActionOutcome.SUCCEEDED, "ran: " + String.join(" ", command), now, took);
    }
}
