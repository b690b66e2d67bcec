package io.smartcloudops.aws.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcloudops.api.alert.Severity;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.notify.Notification;
import io.smartcloudops.api.notify.NotificationException;
import io.smartcloudops.aws.FakeAwsServer;
import io.smartcloudops.aws.FakeAwsServer.Reply;
import io.smartcloudops.aws.SigV4Assertions;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;

class SnsNotifierTest {
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:sco-alerts";
    private static final Notification NOTE = new Notification(
            "NginxDown fixed",
            "restarted nginx on app",
            Severity.CRITICAL,
            Labels.of("host", "app"),
            Instant.parse("2026-01-01T00:00:00Z"));

    private FakeAwsServer server;
    private SnsClient client;

    static Reply published() {
        return Reply.xml(
                200,
                "<PublishResponse xmlns=\"https://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
                        + "<MessageId>567910cd-659e-55d4-8ccb-5aaf14679dc0</MessageId></PublishResult><ResponseMetadata>"
                        + "<RequestId>d74b8436-ae13-5ab4-a9ff-ce54dfea72a0</RequestId></ResponseMetadata></PublishResponse>");
    }

    static Reply error(int status, String code, String message) {
        return Reply.xml(
                status,
                "<ErrorResponse xmlns=\"https://sns.amazonaws.com/doc/2010-03-31/\"><Error><Type>Sender</Type>"
                        + "<Code>" + code + "</Code><Message>" + message + "</Message></Error>"
                        + "<RequestId>9dd01905-5012-5f99-8663-4b3ecd0dfaef</RequestId></ErrorResponse>");
    }

    @BeforeEach
    void start() throws IOException {
        server = FakeAwsServer.start(r ->
                "Publish".equals(r.action()) && "2010-03-31".equals(r.form().get("Version"))
                        ? published()
                        : error(400, "InvalidAction", "unknown"));
        client = server.clients().sns();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void publishesSubjectMessageAndSeverityAttribute() {
        new SnsNotifier(client, TOPIC).send(NOTE);

        Map<String, String> f = server.requests().get(0).form();
        assertThat(f)
                .containsEntry("Action", "Publish")
                .containsEntry("TopicArn", TOPIC)
                .containsEntry("Subject", "NginxDown fixed")
                .containsEntry("MessageAttributes.entry.1.Name", "severity")
                .containsEntry("MessageAttributes.entry.1.Value.DataType", "String")
                .containsEntry("MessageAttributes.entry.1.Value.StringValue", "CRITICAL")
                .doesNotContainKey("MessageGroupId");
        assertThat(f.get("Message"))
                .contains("restarted nginx on app")
                .contains("severity: CRITICAL")
                .contains("labels: {host=\"app\"}");
        SigV4Assertions.signedFor(server.requests(), "sns");
    }

    @Test
    void fifoTopicsGetAGroupAndADeduplicationId() {
        new SnsNotifier(client, TOPIC + ".fifo").send(NOTE);

        Map<String, String> f = server.requests().get(0).form();
        assertThat(f).containsEntry("MessageGroupId", "smartcloudops");
        assertThat(f.get("MessageDeduplicationId")).matches("[0-9a-f]{64}");
    }

    @Test
    void subjectsAreMadeValidForSns() {
        assertThat(SnsNotifier.subject("line one\nline two")).isEqualTo("line one?line two");
        assertThat(SnsNotifier.subject("x".repeat(150))).hasSize(100).endsWith("...");
        assertThat(SnsNotifier.subject("  ")).isEqualTo("SmartCloudOps notification");
        assertThat(SnsNotifier.subject("CPU ↑ 95%")).isEqualTo("CPU ? 95%");
    }

    @Test
    void throttlingIsRetriedThenDelivered() {
        server.enqueue(error(429, "Throttled", "Rate exceeded"));

        new SnsNotifier(client, TOPIC).send(NOTE);

        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void authorizationErrorFailsWithAClearMessage() {
        server.enqueue(error(
                403,
                "AuthorizationError",
                "User: arn:aws:sts::123456789012:assumed-role/monitor "
                        + "is not authorized to perform: SNS:Publish on resource: " + TOPIC));

        assertThatThrownBy(() -> new SnsNotifier(client, TOPIC).send(NOTE))
                .isInstanceOf(NotificationException.class)
                .hasMessageContaining("AuthorizationError")
                .hasMessageContaining("IAM policy");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void aHangingEndpointFailsWithinTheTimeout() {
        server.enqueue(Reply.hanging(), Reply.hanging(), Reply.hanging());
        try (SnsClient impatient =
                server.clients(Duration.ofMillis(1200), Duration.ofMillis(300)).sns()) {
            assertThatThrownBy(() -> new SnsNotifier(impatient, TOPIC).send(NOTE))
                    .isInstanceOf(NotificationException.class)
                    .hasMessageContaining("Timeout");
        }
    }

    @Test
    void refusesSomethingThatIsNotATopicArn() {
        assertThatThrownBy(() -> new SnsNotifier(client, "sco-alerts")).hasMessageContaining("not an SNS topic ARN");
    }
}
