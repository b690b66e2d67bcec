package io.smartcloudops.aws.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcloudops.api.NonRetriableActionException;
import io.smartcloudops.api.action.ActionMode;
import io.smartcloudops.api.action.ActionOutcome;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.action.RemediationAction;
import io.smartcloudops.aws.FakeAwsServer;
import io.smartcloudops.testkit.RemediationActionContract;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

class Ec2ResizeActionTest extends RemediationActionContract {
    private static final String ID = "i-0abcdef1234567890";
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private final FakeEc2 ec2 = new FakeEc2().with(ID, "running", "t2.micro");
    private FakeAwsServer server;
    private Ec2Client client;
    private Ec2ResizeAction action;

    @BeforeEach
    void start() throws IOException {
        server = FakeAwsServer.start(ec2);
        client = server.clients().ec2();
        action = new Ec2ResizeAction(
                client, Set.of("t3.small", "t3.medium"), Duration.ofSeconds(5), Duration.ofMillis(1));
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
        return ActionRequest.builder("scale_up", "app")
                .parameter("instance_id", ID)
                .parameter("instance_type", "t3.small")
                .build();
    }

    @Override
    protected String observableState() {
        return ec2.describe();
    }

    @Test
    void executeStopsModifiesStartsAndWaitsUntilRunning() throws Exception {
        ActionResult r = action.execute(validRequest(), ActionMode.EXECUTE, NOW);

        assertThat(r.outcome()).isEqualTo(ActionOutcome.SUCCEEDED);
        assertThat(r.message()).contains("from t2.micro to t3.small");
        assertThat(ec2.describe()).isEqualTo(ID + "=running/t3.small;");
        // the waiters poll through "stopping" and "pending" until the wanted state shows
        assertThat(server.requests())
                .extracting(FakeAwsServer.Request::action)
                .containsExactly(
                        "DescribeInstances",
                        "StopInstances",
                        "DescribeInstances",
                        "DescribeInstances",
                        "ModifyInstanceAttribute",
                        "StartInstances",
                        "DescribeInstances",
                        "DescribeInstances");
        assertThat(server.requests().get(4).form())
                .containsEntry("InstanceId", ID)
                .containsEntry("InstanceType.Value", "t3.small");
        assertThat(action.name()).isEqualTo("scale_up");
        assertThat(action.destructive()).isTrue();
    }

    @Test
    void dryRunChecksEveryStepWithTheDryRunFlag() throws Exception {
        ActionResult r = action.execute(validRequest(), ActionMode.DRY_RUN, NOW);

        assertThat(r.message()).contains("would resize " + ID + " from t2.micro to t3.small");
        assertThat(server.requests())
                .extracting(FakeAwsServer.Request::action)
                .containsExactly("DescribeInstances", "StopInstances", "ModifyInstanceAttribute", "StartInstances");
        assertThat(server.requests().subList(1, 4))
                .allSatisfy(q -> assertThat(q.form()).containsEntry("DryRun", "true"));
    }

    @Test
    void aFailedModifyStartsTheInstanceAgainOnItsOldType() {
        FakeAwsServer.Reply denied = FakeEc2.unauthorized();
        try (FakeAwsServer s = FakeAwsServer.start(
                        r -> "ModifyInstanceAttribute".equals(r.action()) ? denied : ec2.answer(r));
                Ec2Client c = s.clients().ec2()) {
            Ec2ResizeAction a = new Ec2ResizeAction(c, Set.of(), Duration.ofSeconds(5), Duration.ofMillis(1));

            assertThatThrownBy(() -> a.execute(validRequest(), ActionMode.EXECUTE, NOW))
                    .isInstanceOf(NonRetriableActionException.class)
                    .hasMessageContaining("UnauthorizedOperation");
            assertThat(s.requests())
                    .extracting(FakeAwsServer.Request::action)
                    .endsWith("ModifyInstanceAttribute", "StartInstances");
            assertThat(ec2.type(ID)).isEqualTo("t2.micro");
            assertThat(ec2.state(ID)).isEqualTo("pending");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void refusesTypesOutsideTheAllowList() {
        ActionRequest big = ActionRequest.builder("scale_up", "app")
                .parameter("instance_id", ID)
                .parameter("instance_type", "p5.48xlarge")
                .build();

        assertThatThrownBy(() -> action.execute(big, ActionMode.EXECUTE, NOW))
                .isInstanceOf(NonRetriableActionException.class)
                .hasMessageContaining("not allowed");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void sameTypeIsNothingToDo() throws Exception {
        ActionRequest same = ActionRequest.builder("scale_up", "app")
                .parameter("instance_id", ID)
                .parameter("instance_type", "t2.micro")
                .build();
        Ec2ResizeAction any = new Ec2ResizeAction(client, Set.of(), Duration.ofSeconds(5), Duration.ofMillis(1));

        assertThat(any.execute(same, ActionMode.EXECUTE, NOW).message()).contains("already t2.micro");
        assertThat(server.requests()).extracting(FakeAwsServer.Request::action).containsExactly("DescribeInstances");
    }
}
