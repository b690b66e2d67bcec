package io.smartcloudops.aws.examples;

import io.smartcloudops.api.audit.AuditLog;
import io.smartcloudops.api.detect.Detector;
import io.smartcloudops.api.detect.DetectorState;
import io.smartcloudops.api.metric.SampleBatch;
import io.smartcloudops.api.notify.Notification;
import io.smartcloudops.api.notify.Notifier;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.aws.AwsClientFactory;
import io.smartcloudops.aws.AwsFailure;
import io.smartcloudops.aws.AwsSettings;
import io.smartcloudops.aws.action.Pause;
import io.smartcloudops.aws.cloudwatch.CloudWatchQuery;
import io.smartcloudops.aws.cloudwatch.CloudWatchSource;
import io.smartcloudops.aws.s3.S3AuditArchiver;
import io.smartcloudops.aws.s3.S3ModelStore;
import io.smartcloudops.aws.s3.S3Settings;
import io.smartcloudops.aws.sns.SnsNotifier;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.RebootInstancesRequest;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The Javadoc examples of sco-aws, compiled; {@link JavadocExamplesTest} checks that the Javadoc shows them as they
 * are here, and runs those that reach no AWS: the settings, the query's naming and the failure's translation (with an
 * EC2 client that fails as told). Those that call AWS only compile. Parameters are what an example takes as given.
 */
class AwsExamples {

    void awsClientFactory(ProviderContext context) {
        // tag::AwsClientFactory[]
        AwsClientFactory aws = new AwsClientFactory(AwsSettings.from(context.config()));
        try (Ec2Client ec2 = aws.ec2()) {
            ec2.rebootInstances(r -> r.instanceIds("i-0abc12345678"));
        }
        // end::AwsClientFactory[]
    }

    AwsSettings awsSettings(ProviderContext context) {
        // tag::AwsSettings[]
        AwsSettings s = AwsSettings.from(context.config()); // region: eu-west-1, api_call_timeout: 20s
        // end::AwsSettings[]
        return s;
    }

    void awsFailure(Ec2Client ec2, RebootInstancesRequest r, String id) {
        // tag::AwsFailure[]
        try {
            ec2.rebootInstances(r);
        } catch (SdkException e) {
            throw AwsFailure.of(e).toActionException("reboot " + id, e);
        }
        // end::AwsFailure[]
    }

    void snsNotifier(AwsClientFactory aws, Notification notification) {
        // tag::SnsNotifier[]
        Notifier sns = new SnsNotifier(aws.sns(), "arn:aws:sns:us-east-1:123456789012:sco-alerts");
        sns.send(notification);
        // end::SnsNotifier[]
    }

    void cloudWatchSource(CloudWatchClient client, List<CloudWatchQuery> queries) {
        // tag::CloudWatchSource[]
        try (CloudWatchSource cw = new CloudWatchSource(
                client, queries, Duration.ofMinutes(1), Duration.ofMinutes(2), 500, InstantSource.system())) {
            SampleBatch batch = cw.poll();
        }
        // end::CloudWatchSource[]
    }

    CloudWatchQuery cloudWatchQuery() {
        // tag::CloudWatchQuery[]
        CloudWatchQuery q = new CloudWatchQuery(
                "AWS/EC2", "CPUUtilization", "Average", Map.of("InstanceId", "i-0abc12345678"), null);
        q.seriesId(); // aws_ec2_cpuutilization_average{instance_id="i-0abc12345678"}
        // end::CloudWatchQuery[]
        return q;
    }

    void pause() {
        // tag::Pause[]
        Pause real = Pause.sleeping();
        Pause none = d -> {};
        // end::Pause[]
    }

    S3Settings s3Settings(ProviderConfig config) {
        // tag::S3Settings[]
        S3Settings models = S3Settings.from(config); // bucket: sco-models, prefix: prod/, sse: aws:kms
        // end::S3Settings[]
        return models;
    }

    DetectorState s3ModelStore(S3Client s3, ProviderConfig config, ProviderContext context, Detector detector) {
        // tag::S3ModelStore[]
        S3ModelStore store = new S3ModelStore(s3, S3Settings.from(config), context.clock());
        S3ModelStore.Checkpoint c = store.save("app-cpu", detector.snapshot());
        DetectorState s = store.loadLatest("app-cpu").orElseThrow();
        // end::S3ModelStore[]
        return s;
    }

    List<String> s3AuditArchiver(S3Client s3, S3Settings settings, AuditLog auditLog, Path dataDir) {
        // tag::S3AuditArchiver[]
        S3AuditArchiver archiver =
                new S3AuditArchiver(s3, settings, auditLog, dataDir.resolve("audit-archive.marker"), 1000);
        archiver.archive(false); // on a schedule
        archiver.archive(true); // at stop
        List<String> rows = archiver.storedRows(); // for SqliteAuditLog.restore
        // end::S3AuditArchiver[]
        return rows;
    }
}
