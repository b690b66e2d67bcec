package io.smartcloudops.aws.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcloudops.api.NonRetriableActionException;
import io.smartcloudops.api.RetriableActionException;
import io.smartcloudops.api.examples.JavadocExamples;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.aws.AwsSettings;
import io.smartcloudops.aws.s3.S3Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.RebootInstancesRequest;
import software.amazon.awssdk.services.ec2.model.RebootInstancesResponse;

/**
 * sco-aws's Javadoc examples are the compiled ones beside this test (Java in {@code AwsExamples}, the CloudWatch
 * settings in {@code src/test/resources/examples}, which {@code CloudWatchSettingsExampleTest} polls a local
 * CloudWatch with), checked with sco-api's checker. The examples that reach no AWS run here. Paths are relative to the
 * module, where Surefire runs.
 */
class JavadocExamplesTest {
    private static final Path SOURCES = Path.of("src/main/java");
    private static final List<Path> EXAMPLES =
            List.of(Path.of("src/test/java/io/smartcloudops/aws/examples"), Path.of("src/test/resources/examples"));
    private static final String INSTANCE = "i-0abc12345678";

    private final AwsExamples examples = new AwsExamples();

    @Test
    void everyJavadocExampleIsACompiledRegion() {
        JavadocExamples.assertEveryExampleIsARegion(SOURCES, EXAMPLES);
    }

    @Test
    void theAwsSettingsExampleReadsTheSettingsItsCommentNames() {
        ProviderContext context = ProviderContext.builder()
                .config(ProviderConfig.of(
                        "sources.cloudwatch", Map.of("region", "eu-west-1", "api_call_timeout", "20s")))
                .build();

        AwsSettings s = examples.awsSettings(context);

        assertThat(s.region()).isEqualTo("eu-west-1");
        assertThat(s.apiCallTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(s.maxAttempts()).isEqualTo(AwsSettings.defaults().maxAttempts());
    }

    @Test
    void theS3SettingsExampleReadsTheSettingsItsCommentNames() {
        S3Settings models = examples.s3Settings(
                ProviderConfig.of("checkpoints", Map.of("bucket", "sco-models", "prefix", "prod/", "sse", "aws:kms")));

        assertThat(models).isEqualTo(new S3Settings("sco-models", "prod/", S3Settings.SSE_KMS, null));
    }

    @Test
    void theCloudWatchQueryExampleNamesItsSeriesAsItsCommentShows() {
        assertThat(examples.cloudWatchQuery().seriesId())
                .hasToString("aws_ec2_cpuutilization_average{instance_id=\"i-0abc12345678\"}");
    }

    @Test
    void theAwsFailureExampleRethrowsAThrottledRebootAsRetriableAndADeniedOneAsNot() {
        RebootInstancesRequest r =
                RebootInstancesRequest.builder().instanceIds(INSTANCE).build();

        assertThatThrownBy(() -> examples.awsFailure(
                        failing(400, "RequestLimitExceeded", "Request limit exceeded."), r, INSTANCE))
                .isInstanceOf(RetriableActionException.class)
                .hasCauseInstanceOf(AwsServiceException.class)
                .hasMessage("reboot i-0abc12345678 failed: RequestLimitExceeded (HTTP 400): Request limit exceeded.; "
                        + "transient, a later retry may succeed");
        assertThatThrownBy(() -> examples.awsFailure(
                        failing(403, "UnauthorizedOperation", "You are not authorized."), r, INSTANCE))
                .isInstanceOf(NonRetriableActionException.class)
                .hasMessageContaining("UnauthorizedOperation")
                .hasMessageContaining("check the IAM policy");
    }

    /** EC2 answering every reboot with the error AWS would send. */
    private static Ec2Client failing(int status, String code, String message) {
        AwsServiceException error = AwsServiceException.builder()
                .statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(message)
                        .build())
                .build();
        return new Ec2Client() {
            @Override
            public RebootInstancesResponse rebootInstances(RebootInstancesRequest request) {
                throw error;
            }

            @Override
            public String serviceName() {
                return "ec2";
            }

            @Override
            public void close() {}
        };
    }
}
