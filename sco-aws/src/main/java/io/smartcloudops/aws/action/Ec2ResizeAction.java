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
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.waiters.Ec2Waiter;

/**
 * {@code scale_up} by resizing one instance: stop, change its instance type, start, and wait until
 * it runs. A dry run reads the instance and sends stop, modify and start with EC2's {@code DryRun}
 * flag. Destructive: the instance is down while it is resized.
 */
public final class Ec2ResizeAction implements RemediationAction {
    private static final List<ParameterSpec> PARAMETERS =
            List.of(Ec2Parameters.INSTANCE_ID, Ec2Parameters.INSTANCE_TYPE);

    private final Ec2Client ec2;
    private final Set<String> allowedTypes;
    private final WaiterOverrideConfiguration waiting;

    /**
     * @param allowedTypes the instance types it may resize to; empty allows any type
     * @param waitTimeout how long to wait for each of "stopped" and "running"
     * @param pollInterval how often to ask EC2 meanwhile
     */
    public Ec2ResizeAction(Ec2Client ec2, Set<String> allowedTypes, Duration waitTimeout, Duration pollInterval) {
        this.ec2 = Objects.requireNonNull(ec2, "ec2");
        this.allowedTypes = Set.copyOf(allowedTypes);
        long polls = Math.max(1, waitTimeout.toMillis() / Math.max(1, pollInterval.toMillis()));
        this.waiting = WaiterOverrideConfiguration.builder()
                .maxAttempts((int) Math.min(polls, 10_000))
                .waitTimeout(waitTimeout)
                .backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(pollInterval))
                .build();
    }

    @Override
    public String name() {
        return AsgScaleUpAction.NAME;
    }

    @Override
    public String description() {
        return "resize an EC2 instance: stop, change instance type, start, wait until running";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public boolean destructive() {
        return true;
    }

    @Override
    public ActionResult execute(ActionRequest request, ActionMode mode, Instant now) throws ActionException {
        RequestParameters.rejectUnknown(request, PARAMETERS);
        String id = RequestParameters.value(request, Ec2Parameters.INSTANCE_ID, null);
        String type = RequestParameters.value(request, Ec2Parameters.INSTANCE_TYPE, null);
        if (!allowedTypes.isEmpty() && !allowedTypes.contains(type)) {
            throw new NonRetriableActionException("instance type '" + type + "' is not allowed; allowed_types: "
                    + allowedTypes.stream().sorted().toList());
        }
        long started = System.nanoTime();
        Instance instance = describe(id);
        String from = instance.instanceTypeAsString();
        if (type.equals(from)) {
            return ActionResult.of(
                    request,
                    mode == ActionMode.DRY_RUN ? ActionOutcome.DRY_RUN : ActionOutcome.SUCCEEDED,
                    id + " is already " + type + "; nothing to do",
                    now,
                    Duration.ZERO);
        }
        String change = "resize " + id + " from " + from + " to " + type;
        if (mode == ActionMode.DRY_RUN) {
            dryRun("stop " + id, () -> ec2.stopInstances(r -> r.instanceIds(id).dryRun(true)));
            dryRun(
                    "modify " + id,
                    () -> ec2.modifyInstanceAttribute(r ->
                            r.instanceId(id).instanceType(t -> t.value(type)).dryRun(true)));
            dryRun(
                    "start " + id,
                    () -> ec2.startInstances(r -> r.instanceIds(id).dryRun(true)));
            return ActionResult.of(
                    request,
                    ActionOutcome.DRY_RUN,
                    "would " + change + " (stop, modify, start; EC2 dry runs: permitted)",
                    now,
                    Duration.ZERO);
        }
        InstanceStateName state = instance.state().name();
        if (state != InstanceStateName.STOPPED) {
            call("stop " + id, () -> ec2.stopInstances(r -> r.instanceIds(id)));
            await("stopped", id, w -> w.waitUntilInstanceStopped(r -> r.instanceIds(id)));
        }
        try {
            call(
                    "modify " + id,
                    () -> ec2.modifyInstanceAttribute(r -> r.instanceId(id).instanceType(t -> t.value(type))));
        } catch (ActionException e) {
            // leave the instance as we found it: running on its old type rather than stopped
            if (state != InstanceStateName.STOPPED) {
                call(
                        "restart " + id + " on " + from + " after the failed resize",
                        () -> ec2.startInstances(r -> r.instanceIds(id)));
            }
            throw e;
        }
        call("start " + id, () -> ec2.startInstances(r -> r.instanceIds(id)));
        await("running", id, w -> w.waitUntilInstanceRunning(r -> r.instanceIds(id)));
        return ActionResult.of(
                request,
                ActionOutcome.SUCCEEDED,
                change + ": stopped, modified, started, running",
                now,
                Duration.ofNanos(System.nanoTime() - started));
    }

    private Instance describe(String id) throws ActionException {
        try {
            return ec2.describeInstances(r -> r.instanceIds(id)).reservations().stream()
                    .flatMap(r -> r.instances().stream())
                    .filter(i -> id.equals(i.instanceId()))
                    .findFirst()
                    .orElseThrow(() -> new NonRetriableActionException("no EC2 instance " + id + " in this region"));
        } catch (SdkException e) {
            throw AwsFailure.of(e).toActionException("describe " + id, e);
        }
    }

    private static void dryRun(String doing, Runnable call) throws ActionException {
        try {
            call.run();
        } catch (AwsServiceException e) {
            if (!Ec2InstanceAction.dryRunPassed(e)) {
                throw AwsFailure.of(e).toActionException("dry run of " + doing, e);
            }
        } catch (SdkException e) {
            throw AwsFailure.of(e).toActionException("dry run of " + doing, e);
        }
    }

    private static void call(String doing, Runnable call) throws ActionException {
        try {
            call.run();
        } catch (SdkException e) {
            throw AwsFailure.of(e).toActionException(doing, e);
        }
    }

    private void await(String state, String id, Consumer<Ec2Waiter> wait) throws ActionException {
        try (Ec2Waiter waiter =
                Ec2Waiter.builder().client(ec2).overrideConfiguration(waiting).build()) {
            wait.accept(waiter);
        } catch (SdkException e) {
            if (e instanceof AwsServiceException) {
                throw AwsFailure.of(e).toActionException("wait for " + id + " to be " + state, e);
            }
            // the waiter gives up with a client exception: time-out, or a state it cannot leave (terminated)
            throw new RetriableActionException(id + " did not become " + state + " in time: " + e.getMessage(), e);
        }
    }
}
