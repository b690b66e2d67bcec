package io.smartcloudops.aws.action;

import io.smartcloudops.api.ActionException;
import io.smartcloudops.api.NonRetriableActionException;
import io.smartcloudops.api.RetriableActionException;
import io.smartcloudops.api.action.ActionMode;
import io.smartcloudops.api.action.ActionOutcome;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.action.ParameterSpec;
import io.smartcloudops.api.action.RemediationAction;
import io.smartcloudops.aws.AwsFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetCommandInvocationResponse;

/**
 * {@code ssm_restart_service}: restarts a systemd unit on an EC2 instance through Systems Manager Run
 * Command ({@code AWS-RunShellScript}), then polls the invocation until it ends, a bounded number of
 * times. The unit name is checked against a pattern that admits no shell syntax before it is put
 * into the script. SendCommand has no dry-run flag, so a dry run sends nothing.
 */
public final class SsmRestartServiceAction implements RemediationAction {
    public static final String NAME = "ssm_restart_service";
    static final String DOCUMENT = "AWS-RunShellScript";

    static final ParameterSpec UNIT =
            ParameterSpec.required("unit", "[a-zA-Z0-9][a-zA-Z0-9@._-]{0,127}", "systemd unit name");
    private static final List<ParameterSpec> PARAMETERS = List.of(Ec2Parameters.INSTANCE_ID, UNIT);

    private final SsmClient ssm;
    private final Duration commandTimeout;
    private final Duration pollInterval;
    private final int maxPolls;
    private final Pause pause;

    /**
     * @param commandTimeout how long the script may run on the instance (at least 30s, SSM's minimum)
     * @param pollInterval the pause between two GetCommandInvocation calls
     * @param maxPolls the bound: after this many polls without an end the action fails, retriably
     */
    public SsmRestartServiceAction(
            SsmClient ssm, Duration commandTimeout, Duration pollInterval, int maxPolls, Pause pause) {
        this.ssm = Objects.requireNonNull(ssm, "ssm");
        this.commandTimeout =
                commandTimeout.compareTo(Duration.ofSeconds(30)) < 0 ? Duration.ofSeconds(30) : commandTimeout;
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
        if (maxPolls < 1) {
            throw new IllegalArgumentException("maxPolls must be >= 1, got " + maxPolls);
        }
        this.maxPolls = maxPolls;
        this.pause = Objects.requireNonNull(pause, "pause");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "restart a systemd unit on an EC2 instance through SSM Run Command";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    /** The script lines; the unit matches {@link #UNIT}, so quoting it is belt and braces. */
    static List<String> script(String unit) {
        return List.of("set -eu", "systemctl restart -- '" + unit + "'", "systemctl is-active -- '" + unit + "'");
    }

    @Override
    public ActionResult execute(ActionRequest request, ActionMode mode, Instant now) throws ActionException {
        RequestParameters.rejectUnknown(request, PARAMETERS);
        String id = RequestParameters.value(request, Ec2Parameters.INSTANCE_ID, null);
        String unit = RequestParameters.value(request, UNIT, null);
        String doing = "restart " + unit + " on " + id + " through SSM";
        if (mode == ActionMode.DRY_RUN) {
            return ActionResult.of(
                    request,
                    ActionOutcome.DRY_RUN,
                    "would " + doing + ": " + String.join("; ", script(unit)),
                    now,
                    Duration.ZERO);
        }
        long started = System.nanoTime();
        String commandId;
        try {
            commandId = ssm.sendCommand(r -> r.documentName(DOCUMENT)
                            .instanceIds(id)
                            .parameters(Map.of(
                                    "commands",
                                    script(unit),
                                    "executionTimeout",
                                    List.of(Long.toString(commandTimeout.toSeconds()))))
                            .timeoutSeconds((int) Math.min(Integer.MAX_VALUE, commandTimeout.toSeconds()))
                            .comment(truncate("SmartCloudOps: " + request.reason(), 100)))
                    .command()
                    .commandId();
        } catch (SdkException e) {
            throw AwsFailure.of(e).toActionException(doing, e);
        }
        GetCommandInvocationResponse done = await(commandId, id, doing);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        String output = done.standardOutputContent() == null
                ? ""
                : done.standardOutputContent().strip();
        return switch (done.statusAsString()) {
            case "Success" ->
                ActionResult.of(
                        request, ActionOutcome.SUCCEEDED, doing + " (command " + commandId + "): " + output, now, took);
            case "TimedOut", "Cancelled", "Cancelling" ->
                throw new RetriableActionException(doing + " (command " + commandId + ") ended " + done.statusAsString()
                        + ": " + done.statusDetails());
            default ->
                throw new NonRetriableActionException(doing + " (command " + commandId + ") ended "
                        + done.statusAsString() + " with exit code " + done.responseCode() + ": "
                        + truncate(
                                Objects.requireNonNullElse(done.standardErrorContent(), "")
                                        .strip(),
                                500));
        };
    }

    private GetCommandInvocationResponse await(String commandId, String id, String doing) throws ActionException {
        for (int poll = 1; poll <= maxPolls; poll++) {
            try {
                pause.pause(pollInterval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RetriableActionException(doing + ": interrupted while waiting for command " + commandId, e);
            }
            try {
                GetCommandInvocationResponse r =
                        ssm.getCommandInvocation(q -> q.commandId(commandId).instanceId(id));
                switch (r.statusAsString()) {
                    case "Pending", "InProgress", "Delayed" -> {
                        // still running
                    }
                    default -> {
                        return r;
                    }
                }
            } catch (AwsServiceException e) {
                // right after SendCommand the invocation may not exist yet
                if (e.awsErrorDetails() == null
                        || !"InvocationDoesNotExist".equals(e.awsErrorDetails().errorCode())) {
                    throw AwsFailure.of(e).toActionException(doing + ": reading command " + commandId, e);
                }
            } catch (SdkException e) {
                throw AwsFailure.of(e).toActionException(doing + ": reading command " + commandId, e);
            }
        }
        throw new RetriableActionException(doing + ": command " + commandId + " had not ended after " + maxPolls
                + " polls " + pollInterval.toMillis() + " ms apart; see it in the SSM console");
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
