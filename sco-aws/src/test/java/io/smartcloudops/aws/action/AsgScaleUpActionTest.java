package io.smartcloudops.aws.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcloudops.api.NonRetriableActionException;
import io.smartcloudops.api.RetriableActionException;
import io.smartcloudops.api.action.ActionMode;
import io.smartcloudops.api.action.ActionOutcome;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.action.RemediationAction;
import io.smartcloudops.aws.FakeAwsServer;
import io.smartcloudops.aws.SigV4Assertions;
import io.smartcloudops.testkit.RemediationActionContract;
import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;

class AsgScaleUpActionTest extends RemediationActionContract {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private final FakeAutoScaling asg = new FakeAutoScaling("web-asg", 2, 4);
    private FakeAwsServer server;
    private AutoScalingClient client;
    private AsgScaleUpAction action;

    @BeforeEach
    void start() throws IOException {
        server = FakeAwsServer.start(asg);
        client = server.clients().autoScaling();
        action = new AsgScaleUpAction(client);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Override
    protected RemediationAction action() {
        return action;
    }

    @Override
    protected ActionRequest validRequest() {
        return ActionRequest.builder("scale_up", "web")
                .parameter("group", "web-asg")
                .build();
    }

    @Override
    protected String observableState() {
        return "desired=" + asg.desired();
    }

    @Test
    void executeRaisesDesiredCapacityByOneHonouringCooldown() throws Exception {
        ActionResult r = action.execute(validRequest(), ActionMode.EXECUTE, NOW);

        assertThat(r.outcome()).isEqualTo(ActionOutcome.SUCCEEDED);
        assertThat(r.message()).contains("2 -> 3");
        assertThat(asg.desired()).isEqualTo(3);
        assertThat(server.requests()).hasSize(2);
        assertThat(server.requests().get(0).form())
                .containsEntry("Action", "DescribeAutoScalingGroups")
                .containsEntry("AutoScalingGroupNames.member.1", "web-asg");
        assertThat(server.requests().get(1).form())
                .containsEntry("Action", "SetDesiredCapacity")
                .containsEntry("Version", "2011-01-01")
                .containsEntry("AutoScalingGroupName", "web-asg")
                .containsEntry("DesiredCapacity", "3")
                .containsEntry("HonorCooldown", "true");
        SigV4Assertions.signedFor(server.requests(), "autoscaling");
        assertThat(action.name()).isEqualTo("scale_up");
        assertThat(action.destructive()).isFalse();
    }

    @Test
    void dryRunOnlyReads() throws Exception {
        ActionResult r = action.execute(validRequest(), ActionMode.DRY_RUN, NOW);

        assertThat(r.message()).isEqualTo("would set desired capacity of 'web-asg' 2 -> 3 (max 4)");
        assertThat(server.requests())
                .extracting(FakeAwsServer.Request::action)
                .containsExactly("DescribeAutoScalingGroups");
    }

    @Test
    void aStepIsCappedAtMaxSize() throws Exception {
        ActionRequest big = ActionRequest.builder("scale_up", "web")
                .parameter("group", "web-asg")
                .parameter("step", "5")
                .build();

        action.execute(big, ActionMode.EXECUTE, NOW);

        assertThat(asg.desired()).isEqualTo(4);
        assertThatThrownBy(() -> action.execute(validRequest(), ActionMode.EXECUTE, NOW))
                .isInstanceOf(NonRetriableActionException.class)
                .hasMessageContaining("already at its MaxSize 4");
    }

    @Test
    void throttlingIsRetriedThenSucceeds() throws Exception {
        server.enqueue(FakeAutoScaling.error(400, "Throttling", "Rate exceeded"));

        action.execute(validRequest(), ActionMode.EXECUTE, NOW);

        assertThat(asg.desired()).isEqualTo(3);
        assertThat(server.requests())
                .extracting(FakeAwsServer.Request::action)
                .containsExactly("DescribeAutoScalingGroups", "DescribeAutoScalingGroups", "SetDesiredCapacity");
    }

    @Test
    void scalingActivityInProgressIsRetriable() throws IOException {
        FakeAwsServer.Reply busy = FakeAutoScaling.error(
                400, "ScalingActivityInProgress", "Scaling activity is in progress and blocks this action.");
        FakeAutoScaling healthy = new FakeAutoScaling("web-asg", 1, 3);
        // describe answers normally, then SetDesiredCapacity meets the group's running activity
        try (FakeAwsServer busyServer =
                        FakeAwsServer.start(r -> "SetDesiredCapacity".equals(r.action()) ? busy : healthy.answer(r));
                AutoScalingClient c = busyServer.clients().autoScaling()) {
            assertThatThrownBy(() -> new AsgScaleUpAction(c).execute(validRequest(), ActionMode.EXECUTE, NOW))
                    .isInstanceOf(RetriableActionException.class)
                    .hasMessageContaining("ScalingActivityInProgress");
            assertThat(healthy.desired()).isEqualTo(1);
        }
    }

    @Test
    void accessDeniedIsNonRetriable() {
        server.enqueue(FakeAutoScaling.error(
                403,
                "AccessDenied",
                "User: arn:aws:sts::123456789012:assumed-role/monitor/i-0abc is not authorized to perform: "
                        + "autoscaling:DescribeAutoScalingGroups"));

        assertThatThrownBy(() -> action.execute(validRequest(), ActionMode.EXECUTE, NOW))
                .isInstanceOf(NonRetriableActionException.class)
                .hasMessageContaining("AccessDenied");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void anUnknownGroupIsNonRetriable() {
        ActionRequest r = ActionRequest.builder("scale_up", "x")
                .parameter("group", "nope")
                .build();

        assertThatThrownBy(() -> action.execute(r, ActionMode.DRY_RUN, NOW))
                .isInstanceOf(NonRetriableActionException.class)
                .hasMessageContaining("no Auto Scaling group named 'nope'");
    }
}
