package io.smartcloudops.aws.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.SsmClient;

class SsmRestartServiceActionTest extends RemediationActionContract {
    private static final String ID = "i-0abcdef1234567890";
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private final FakeSsm ssm = new FakeSsm().statuses("NotYet", "InProgress", "Success");
    private final List<Duration> pauses = new ArrayList<>();
    private FakeAwsServer server;
    private SsmClient client;
    private SsmRestartServiceAction action;

    @BeforeEach
    void start() throws IOException {
        server = FakeAwsServer.start(ssm);
        client = server.clients().ssm();
        action = new SsmRestartServiceAction(client, Duration.ofSeconds(60), Duration.ofSeconds(2), 5, pauses::add);
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
        return ActionRequest.builder("ssm_restart_service", "app")
                .parameter("instance_id", ID)
                .parameter("unit", "nginx.service")
                .reason("alert NginxDown")
                .build();
    }

    @Override
    protected String observableState() {
        return "restarts=" + ssm.restarts();
    }

    @Test
    void sendsRunShellScriptAndPollsUntilTheInvocationSucceeds() throws Exception {
        ActionResult r = action.execute(validRequest(), ActionMode.EXECUTE, NOW);

        assertThat(r.outcome()).isEqualTo(ActionOutcome.SUCCEEDED);
        assertThat(r.message()).contains(FakeSsm.COMMAND_ID).contains("active");
        List<FakeAwsServer.Request> sent = server.requests();
        assertThat(sent)
                .extracting(q -> q.header("x-amz-target"))
                .containsExactly(
                        "AmazonSSM.SendCommand",
                        "AmazonSSM.GetCommandInvocation",
                        "AmazonSSM.GetCommandInvocation",
                        "AmazonSSM.GetCommandInvocation");
        JsonNode send = new ObjectMapper().readTree(sent.get(0).body());
        assertThat(send.path("DocumentName").asText()).isEqualTo("AWS-RunShellScript");
        assertThat(send.path("InstanceIds").get(0).asText()).isEqualTo(ID);
        assertThat(send.path("Parameters").path("commands").toString())
                .isEqualTo(
                        "[\"set -eu\",\"systemctl restart -- 'nginx.service'\",\"systemctl is-active -- 'nginx.service'\"]");
        assertThat(send.path("Parameters").path("executionTimeout").get(0).asText())
                .isEqualTo("60");
        assertThat(send.path("TimeoutSeconds").asInt()).isEqualTo(60);
        assertThat(send.path("Comment").asText()).isEqualTo("SmartCloudOps: alert NginxDown");
        JsonNode get = new ObjectMapper().readTree(sent.get(1).body());
        assertThat(get.path("CommandId").asText()).isEqualTo(FakeSsm.COMMAND_ID);
        assertThat(get.path("InstanceId").asText()).isEqualTo(ID);
        assertThat(pauses).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2));
        SigV4Assertions.signedFor(sent, "ssm");
    }

    @Test
    void aFailedInvocationIsNonRetriableWithItsStandardError() {
        ssm.statuses("Failed");

        assertThatThrownBy(() -> action.execute(validRequest(), ActionMode.EXECUTE, NOW))
                .isInstanceOf(NonRetriableActionException.class)
                .hasMessageContaining("ended Failed with exit code 5")
                .hasMessageContaining("control process exited");
    }

    @Test
    void pollingIsBoundedAndEndsRetriably() {
        ssm.statuses("InProgress");

        assertThatThrownBy(() -> action.execute(validRequest(), ActionMode.EXECUTE, NOW))
                .isInstanceOf(RetriableActionException.class)
                .hasMessageContaining("had not ended after 5 polls");
        assertThat(server.requests()).hasSize(6);
        assertThat(pauses).hasSize(5);
    }

    @Test
    void throttlingIsRetriedBySdk() throws Exception {
        server.enqueue(FakeSsm.error(400, "ThrottlingException", "Rate exceeded"));
        ssm.statuses("Success");

        assertThat(action.execute(validRequest(), ActionMode.EXECUTE, NOW).outcome())
                .isEqualTo(ActionOutcome.SUCCEEDED);
        assertThat(ssm.restarts()).isEqualTo(1);
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void accessDeniedIsNonRetriable() {
        server.enqueue(FakeSsm.error(
                400,
                "AccessDeniedException",
                "User: arn:aws:sts::123456789012:assumed-role/monitor/i-0abc "
                        + "is not authorized to perform: ssm:SendCommand on resource: arn:aws:ec2:us-east-1:123456789012:instance/"
                        + ID));

        assertThatThrownBy(() -> action.execute(validRequest(), ActionMode.EXECUTE, NOW))
                .isInstanceOf(NonRetriableActionException.class)
                .hasMessageContaining("AccessDeniedException")
                .hasMessageContaining("IAM policy");
        assertThat(ssm.restarts()).isZero();
    }

    @Test
    void unitNamesWithShellSyntaxAreRejected() {
        for (String bad : new String[] {"nginx; reboot", "$(id)", "a b", "'x'", "-rf", "nginx\n"}) {
            ActionRequest r = ActionRequest.builder("ssm_restart_service", "app")
                    .parameter("instance_id", ID)
                    .parameter("unit", bad)
                    .build();
            assertThatThrownBy(() -> action.execute(r, ActionMode.EXECUTE, NOW))
                    .isInstanceOf(NonRetriableActionException.class)
                    .hasMessageContaining("unit");
        }
        assertThat(server.requests()).isEmpty();
    }
}
