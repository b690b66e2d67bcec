package io.smartcloudops.aws.action;

import io.smartcloudops.api.ActionException;
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
import java.util.Objects;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceStateChange;

/**
 * {@code ec2_reboot}, {@code ec2_start}, {@code ec2_stop}: one EC2 instance state change. A dry run
 * sends the same call with EC2's {@code DryRun} flag, so it checks permissions and the instance id
 * without changing anything.
 */
public final class Ec2InstanceAction implements RemediationAction {

    /** The state change, with the action name it is known by. */
    public enum Operation {
        REBOOT("ec2_reboot", "reboot", true),
        START("ec2_start", "start", false),
        STOP("ec2_stop", "stop", true);

        private final String actionName;
        private final String verb;
        private final boolean destructive;

        Operation(String actionName, String verb, boolean destructive) {
            this.actionName = actionName;
            this.verb = verb;
            this.destructive = destructive;
        }

        public String actionName() {
            return actionName;
        }
    }

    private static final List<ParameterSpec> PARAMETERS = List.of(Ec2Parameters.INSTANCE_ID);

    private final Operation operation;
    private final Ec2Client ec2;

    public Ec2InstanceAction(Operation operation, Ec2Client ec2) {
        this.operation = Objects.requireNonNull(operation, "operation");
        this.ec2 = Objects.requireNonNull(ec2, "ec2");
    }

    @Override
    public String name() {
        return operation.actionName;
    }

    @Override
    public String description() {
        return operation.verb + " an EC2 instance";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public boolean destructive() {
        return operation.destructive;
    }

    @Override
    public ActionResult execute(ActionRequest request, ActionMode mode, Instant now) throws ActionException {
        RequestParameters.rejectUnknown(request, PARAMETERS);
        String id = RequestParameters.value(request, Ec2Parameters.INSTANCE_ID, null);
        long started = System.nanoTime();
        String doing = operation.verb + " " + id;
        try {
            String state = call(id, mode == ActionMode.DRY_RUN);
            if (mode == ActionMode.DRY_RUN) {
                // EC2 answers a permitted dry run with the DryRunOperation error, handled below
                return ActionResult.of(request, ActionOutcome.DRY_RUN, "would " + doing, now, Duration.ZERO);
            }
            return ActionResult.of(request, ActionOutcome.SUCCEEDED, doing + state, now, since(started));
        } catch (AwsServiceException e) {
            if (mode == ActionMode.DRY_RUN && dryRunPassed(e)) {
                return ActionResult.of(
                        request,
                        ActionOutcome.DRY_RUN,
                        "would " + doing + " (EC2 dry run: permitted)",
                        now,
                        since(started));
            }
            throw AwsFailure.of(e).toActionException(doing, e);
        } catch (SdkException e) {
            throw AwsFailure.of(e).toActionException(doing, e);
        }
    }

    private String call(String id, boolean dryRun) {
        return switch (operation) {
            case REBOOT -> {
                ec2.rebootInstances(r -> r.instanceIds(id).dryRun(dryRun));
                yield ": reboot requested";
            }
            case START ->
                transition(ec2.startInstances(r -> r.instanceIds(id).dryRun(dryRun))
                        .startingInstances());
            case STOP ->
                transition(
                        ec2.stopInstances(r -> r.instanceIds(id).dryRun(dryRun)).stoppingInstances());
        };
    }

    private static String transition(List<InstanceStateChange> changes) {
        if (changes.isEmpty()) {
            return "";
        }
        InstanceStateChange c = changes.get(0);
        return ": " + c.previousState().nameAsString() + " -> "
                + c.currentState().nameAsString();
    }

    static boolean dryRunPassed(AwsServiceException e) {
        return e.awsErrorDetails() != null
                && Ec2Parameters.DRY_RUN_OK.equals(e.awsErrorDetails().errorCode());
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
}
