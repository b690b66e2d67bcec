package io.smartcloudops.aws.sns;

import io.smartcloudops.api.notify.Notification;
import io.smartcloudops.api.notify.NotificationException;
import io.smartcloudops.api.notify.Notifier;
import io.smartcloudops.aws.AwsFailure;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * Publishes notifications to an SNS topic: the title as the e-mail subject (SNS allows 100 printable
 * ASCII characters), the body and labels as the message, and the severity as a message attribute
 * that subscriptions can filter on. FIFO topics get a message group and a content-based
 * de-duplication id.
 *
 * <pre>{@code
 * Notifier sns = new SnsNotifier(aws.sns(), "arn:aws:sns:us-east-1:123456789012:sco-alerts");
 * sns.send(notification);
 * }</pre>
 */
public final class SnsNotifier implements Notifier {
    static final Pattern TOPIC_ARN =
            Pattern.compile("arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?");
    private static final Pattern NOT_SUBJECT = Pattern.compile("[^\\x20-\\x7E]");

    private final SnsClient sns;
    private final String topicArn;

    public SnsNotifier(SnsClient sns, String topicArn) {
        this.sns = Objects.requireNonNull(sns, "sns");
        if (topicArn == null || !TOPIC_ARN.matcher(topicArn).matches()) {
            throw new IllegalArgumentException(
                    "'" + topicArn + "' is not an SNS topic ARN " + "(arn:aws:sns:REGION:ACCOUNT:NAME)");
        }
        this.topicArn = topicArn;
    }

    @Override
    public String name() {
        return "sns";
    }

    @Override
    public void send(Notification n) throws NotificationException {
        String message = n.body() + "\n\nseverity: " + n.severity() + "\nat: " + n.at()
                + (n.labels().isEmpty() ? "" : "\nlabels: " + n.labels());
        PublishRequest.Builder publish = PublishRequest.builder()
                .topicArn(topicArn)
                .subject(subject(n.title()))
                .message(message)
                .messageAttributes(Map.of(
                        "severity",
                        MessageAttributeValue.builder()
                                .dataType("String")
                                .stringValue(n.severity().name())
                                .build()));
        if (topicArn.endsWith(".fifo")) {
            publish.messageGroupId("smartcloudops").messageDeduplicationId(sha256(n.title() + '\n' + message));
        }
        try {
            sns.publish(publish.build());
        } catch (SdkException e) {
            throw new NotificationException(AwsFailure.of(e).describe("publish '" + n.title() + "' to " + topicArn), e);
        }
    }

    /** SNS subjects: printable ASCII, no line breaks, at most 100 characters, not blank. */
    static String subject(String title) {
        String s = NOT_SUBJECT.matcher(title).replaceAll("?").strip();
        if (s.isEmpty()) {
            s = "SmartCloudOps notification";
        }
        return s.length() <= 100 ? s : s.substring(0, 97) + "...";
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public void close() {
        sns.close();
    }
}
