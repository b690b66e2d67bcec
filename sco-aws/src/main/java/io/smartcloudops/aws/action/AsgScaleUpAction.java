package io.smartcloudops.aws.action;

import io.smartcloudops.api.ActionException;
import io.smartcloudops.api.NonRetriableActionException;
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
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;

/**
 * {@code scale_up} through Auto Scaling: raises a group's desired capacity by {@code step} (default
 * 1), never past its MaxSize, honouring the group's cooldown. SetDesiredCapacity has no dry-run flag,
 * so a dry run only reads the group and says what it would set.
 */
public final class AsgScaleUpAction implements RemediationAction {
    public static final String NAME = "scale_up";

    static final ParameterSpec GROUP =
            ParameterSpec.required("group", "[A-Za-z0-9][A-Za-z0-9._/@+=-]{0,254}", "Auto Scaling group name");
    static final ParameterSpec STEP =
            ParameterSpec.optional("step", "[1-9][0-9]?", "instances to add (1-99), default 1");
    private static final List<ParameterSpec> PARAMETERS = List.of(GROUP, STEP);

    private final AutoScalingClient autoScaling;

    public AsgScaleUpAction(AutoScalingClient autoScaling) {
        this.autoScaling = Objects.requireNonNull(autoScaling, "autoScaling");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "add instances to an Auto Scaling group (SetDesiredCapacity, capped at MaxSize)";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public ActionResult execute(ActionRequest request, ActionMode mode, Instant now) throws ActionException {
        RequestParameters.rejectUnknown(request, PARAMETERS);
        String group = RequestParameters.value(request, GROUP, null);
        int step = Integer.parseInt(RequestParameters.value(request, STEP, "1"));
        long started = System.nanoTime();
        AutoScalingGroup g = describe(group);
        int desired = g.desiredCapacity();
        int max = g.maxSize();
        if (desired >= max) {
            throw new NonRetriableActionException("Auto Scaling group '" + group + "' is already at its MaxSize " + max
                    + " (desired " + desired + "); raise MaxSize or scale another way");
        }
        int target = Math.min(desired + step, max);
        String change = "desired capacity of '" + group + "' " + desired + " -> " + target + " (max " + max + ")";
        if (mode == ActionMode.DRY_RUN) {
            return ActionResult.of(request, ActionOutcome.DRY_RUN, "would set " + change, now, Duration.ZERO);
        }
        try {
            autoScaling.setDesiredCapacity(
                    r -> r.autoScalingGroupName(group).desiredCapacity(target).honorCooldown(true));
        } catch (SdkException e) {
            throw AwsFailure.of(e).toActionException("set " + change, e);
        }
        return ActionResult.of(
                request, ActionOutcome.SUCCEEDED, "set " + change, now, Duration.ofNanos(System.nanoTime() - started));
    }

    private AutoScalingGroup describe(String group) throws ActionException {
        List<AutoScalingGroup> groups;
        try {
            groups = autoScaling
                    .describeAutoScalingGroups(r -> r.autoScalingGroupNames(group))
                    .autoScalingGroups();
        } catch (SdkException e) {
            throw AwsFailure.of(e).toActionException("describe Auto Scaling group '" + group + "'", e);
        }
        return groups.stream()
                .filter(g -> group.equals(g.autoScalingGroupName()))
                .findFirst()
                .orElseThrow(() -> new NonRetriableActionException(
                        "no Auto Scaling group named '" + group + "' in this account and region"));
    }
}
