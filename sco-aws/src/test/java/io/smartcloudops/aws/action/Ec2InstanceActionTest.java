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
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

class Ec2InstanceActionTest extends RemediationActionContract {
    private static final String ID = "i-1234567890abcdef0";
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private final FakeEc2 ec2 = new FakeEc2().with(ID, "running", "t2.micro");
    private FakeAwsServer server;
    private Ec2Client client;
    private Ec2InstanceAction reboot;

    @BeforeEach
    void start() throws IOException {
        server = FakeAwsServer.start(ec2);
        client = server.clients().ec2();
        reboot = new Ec2InstanceAction(Ec2InstanceAction.Operation.REBOOT, client);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Override
    protected RemediationAction action() {
        return reboot;
    }

    @Override
    protected ActionRequest validRequest() {
        return ActionRequest.builder("ec2_reboot", "app")
                .parameter("instance_id", ID)
                .build();
    }

    @Override
    protected String observableState() {
        return ec2.describe()
                + server.requests().stream()
                        .filter(r -> !"true".equals(r.form().get("DryRun")))
                        .count();
    }

    @Test
    void dryRunSendsTheCallWithEc2sDryRunFlag() throws Exception {
        ActionResult r = reboot.execute(validRequest(), ActionMode.DRY_RUN, NOW);

        assertThat(r.outcome()).isEqualTo(ActionOutcome.DRY_RUN);
        assertThat(r.message()).contains("would reboot " + ID).contains("permitted");
        FakeAwsServer.Request sent = server.requests().get(0);
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.form())
                .containsEntry("Action", "RebootInstances")
                .containsEntry("Version", "2016-11-15")
                .containsEntry("InstanceId.1", ID)
                .containsEntry("DryRun", "true");
        SigV4Assertions.signedFor(server.requests(), "ec2");
    }

    @Test
    void executeRebootsWithoutTheDryRunFlag() throws Exception {
        ActionResult r = reboot.execute(validRequest(), ActionMode.EXECUTE, NOW);

        assertThat(r.outcome()).isEqualTo(ActionOutcome.SUCCEEDED);
        assertThat(server.requests()).singleElement().satisfies(q -> {
            assertThat(q.form()).containsEntry("Action", "RebootInstances").containsEntry("InstanceId.1", ID);
            assertThat(q.form().getOrDefault("DryRun", "false")).isEqualTo("false");
        });
    }

    @Test
    void stopReportsTheStateTransition() throws Exception {
        Ec2InstanceAction stop = new Ec2InstanceAction(Ec2InstanceAction.Operation.STOP, client);
        ActionResult r = stop.execute(
                ActionRequest.builder("ec2_stop", "app")
                        .parameter("instance_id", ID)
                        .build(),
                ActionMode.EXECUTE,
                NOW);

        assertThat(r.message()).contains("running -> stopping");
        assertThat(ec2.state(ID)).isEqualTo("stopping");
        assertThat(stop.destructive()).isTrue();
        assertThat(new Ec2InstanceAction(Ec2InstanceAction.Operation.START, client).destructive())
                .isFalse();
    }

    @Test
    void throttlingIsRetriedByTheSdkThenSucceeds() throws Exception {
        server.enqueue(FakeEc2.throttled(), FakeEc2.throttled());

        ActionResult r = reboot.execute(validRequest(), ActionMode.EXECUTE, NOW);

        assertThat(r.outcome()).isEqualTo(ActionOutcome.SUCCEEDED);
        assertThat(server.requests())
                .hasSize(3)
                .allSatisfy(q -> assertThat(q.action()).isEqualTo("RebootInstances"));
    }

    @Test
    void throttlingThatOutlastsTheRetriesIsRetriable() {
        server.enqueue(FakeEc2.throttled(), FakeEc2.throttled(), FakeEc2.throttled());

        assertThatThrownBy(() -> reboot.execute(validRequest(), ActionMode.EXECUTE, NOW))
                .isInstanceOf(RetriableActionException.class)
                .hasMessageContaining("RequestLimitExceeded");
    }

    @Test
    void accessDeniedIsNotRetriedAndSaysWhatToCheck() {
        server.enqueue(FakeEc2.unauthorized());

        assertThatThrownBy(() -> reboot.execute(validRequest(), ActionMode.DRY_RUN, NOW))
                .isInstanceOf(NonRetriableActionException.class)
                .hasMessageContaining("UnauthorizedOperation")
                .hasMessageContaining("IAM policy");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void unknownInstanceIsNonRetriable() {
        ActionRequest other = ActionRequest.builder("ec2_reboot", "x")
                .parameter("instance_id", "i-0000000000000000f")
                .build();

        assertThatThrownBy(() -> reboot.execute(other, ActionMode.EXECUTE, NOW))
                .isInstanceOf(NonRetriableActionException.class)
                .hasMessageContaining("InvalidInstanceID.NotFound");
    }

    @Test
    void aHangingEndpointTimesOutRetriably() throws Exception {
        try (Ec2Client impatient =
                server.clients(Duration.ofMillis(1500), Duration.ofMillis(300)).ec2()) {
            server.enqueue(
                    FakeAwsServer.Reply.hanging(),
                    FakeAwsServer.Reply.hanging(),
                    FakeAwsServer.Reply.hanging(),
                    FakeAwsServer.Reply.hanging());
            Ec2InstanceAction action = new Ec2InstanceAction(Ec2InstanceAction.Operation.REBOOT, impatient);

            assertThatThrownBy(() -> action.execute(validRequest(), ActionMode.EXECUTE, NOW))
                    .isInstanceOf(RetriableActionException.class)
                    .hasMessageContaining("Timeout");
        }
    }

    @Test
    void rejectsMalformedInstanceIdsBeforeCallingAws() {
        for (String bad :
                new String[] {"i-123", "i-1234567890ABCDEF0", "i-1234567890abcdef0; rm -rf /", "sg-12345678"}) {
            ActionRequest r = ActionRequest.builder("ec2_reboot", "x")
                    .parameter("instance_id", bad)
                    .build();
            assertThatThrownBy(() -> reboot.execute(r, ActionMode.EXECUTE, NOW))
                    .isInstanceOf(NonRetriableActionException.class)
                    .hasMessageContaining("instance_id");
        }
        ActionRequest typo = ActionRequest.builder("ec2_reboot", "x")
                .parameter("instanceid", ID)
                .build();
        assertThatThrownBy(() -> reboot.execute(typo, ActionMode.EXECUTE, NOW))
                .isInstanceOf(NonRetriableActionException.class)
                .hasMessageContaining("instanceid");
        assertThat(server.requests()).isEmpty();
    }
}
