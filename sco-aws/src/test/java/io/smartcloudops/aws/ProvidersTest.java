package io.smartcloudops.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.action.RemediationAction;
import io.smartcloudops.api.notify.Notifier;
import io.smartcloudops.api.source.MetricSource;
import io.smartcloudops.api.spi.ActionProvider;
import io.smartcloudops.api.spi.MetricSourceProvider;
import io.smartcloudops.api.spi.NotifierProvider;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.api.spi.ProviderRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProvidersTest {
    private static final Map<String, Object> AWS =
            Map.of("region", "eu-west-1", "endpoint_override", "http://127.0.0.1:9");

    private static ProviderContext context(Map<String, Object> config) {
        return ProviderContext.builder()
                .dataDir(Path.of("target/sco-data"))
                .config(ProviderConfig.of(config))
                .build();
    }

    private static Map<String, Object> with(Map<String, Object> a, Map<String, Object> b) {
        HashMap<String, Object> m = new HashMap<>(a);
        m.putAll(b);
        return m;
    }

    @Test
    void discoveryFindsEveryAwsProviderByName() {
        ProviderRegistry registry =
                ProviderRegistry.builder().discover(getClass().getClassLoader()).build();

        assertThat(registry.names(ActionProvider.class))
                .contains(
                        "ec2_reboot",
                        "ec2_start",
                        "ec2_stop",
                        "aws_asg_scale_up",
                        "aws_ec2_resize",
                        "ssm_restart_service");
        assertThat(registry.names(MetricSourceProvider.class)).contains("cloudwatch");
        assertThat(registry.names(NotifierProvider.class)).contains("sns");
        assertThat(registry.problems()).isEmpty();
    }

    @Test
    void actionProvidersBuildActionsWithTheirNames() {
        ProviderRegistry registry =
                ProviderRegistry.builder().discover(getClass().getClassLoader()).build();
        Map<String, String> expected = Map.of(
                "ec2_reboot",
                "ec2_reboot",
                "ec2_start",
                "ec2_start",
                "ec2_stop",
                "ec2_stop",
                "aws_asg_scale_up",
                "scale_up",
                "aws_ec2_resize",
                "scale_up",
                "ssm_restart_service",
                "ssm_restart_service");
        expected.forEach((provider, action) -> {
            RemediationAction a =
                    registry.provider(ActionProvider.class, provider).create(context(AWS));
            assertThat(a.name()).as(provider).isEqualTo(action);
        });
    }

    @Test
    void unknownSettingsAreRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> new io.smartcloudops.aws.action.AwsActionProviders.Ec2Reboot()
                        .create(context(with(AWS, Map.of("regoin", "x")))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("regoin")
                .hasMessageContaining("region");
        assertThatThrownBy(() -> new io.smartcloudops.aws.action.AwsActionProviders.Ec2Resize()
                        .create(context(with(AWS, Map.of("allowed_types", List.of("t3.small", "rm -rf"))))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("allowed_types");
    }

    @Test
    void cloudWatchProviderReadsItsQueries() {
        Map<String, Object> cfg = with(
                AWS,
                Map.of(
                        "period",
                        "5m",
                        "lag",
                        "3m",
                        "queries",
                        List.of(
                                Map.of(
                                        "namespace",
                                        "AWS/EC2",
                                        "metric",
                                        "CPUUtilization",
                                        "dimensions",
                                        Map.of("InstanceId", "i-0abc12345678")),
                                Map.of(
                                        "namespace",
                                        "AWS/ApplicationELB",
                                        "metric",
                                        "TargetResponseTime",
                                        "stat",
                                        "p99",
                                        "name",
                                        "alb_p99"))));
        try (MetricSource s = new io.smartcloudops.aws.cloudwatch.CloudWatchSourceProvider().create(context(cfg))) {
            assertThat(s.name()).isEqualTo("cloudwatch");
        }
        Map<String, Object> badStat =
                with(AWS, Map.of("queries", List.of(Map.of("namespace", "AWS/EC2", "metric", "CPU", "stat", "Mean"))));
        assertThatThrownBy(
                        () -> new io.smartcloudops.aws.cloudwatch.CloudWatchSourceProvider().create(context(badStat)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Mean");
        Map<String, Object> badPeriod =
                with(AWS, Map.of("period", "45s", "queries", List.of(Map.of("namespace", "AWS/EC2", "metric", "CPU"))));
        assertThatThrownBy(
                        () -> new io.smartcloudops.aws.cloudwatch.CloudWatchSourceProvider().create(context(badPeriod)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("period");
    }

    @Test
    void snsProviderNeedsATopicArn() {
        try (Notifier n = new io.smartcloudops.aws.sns.SnsNotifierProvider()
                .create(context(with(AWS, Map.of("topic_arn", "arn:aws:sns:eu-west-1:123456789012:alerts"))))) {
            assertThat(n.name()).isEqualTo("sns");
        }
        assertThatThrownBy(() -> new io.smartcloudops.aws.sns.SnsNotifierProvider().create(context(AWS)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("topic_arn");
    }

    @Test
    void settingsHaveExplicitTimeoutsAndRefuseCredentialsInUrls() {
        AwsSettings d = AwsSettings.from(ProviderConfig.empty());
        assertThat(d.apiCallTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.apiCallAttemptTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.maxAttempts()).isEqualTo(3);
        assertThat(d.region()).isNull();

        AwsSettings s = AwsSettings.from(ProviderConfig.of(Map.of(
                "region",
                "eu-west-1",
                "profile",
                "ops",
                "api_call_timeout",
                "20s",
                "api_call_attempt_timeout",
                "5s",
                "max_attempts",
                5)));
        assertThat(s.profile()).isEqualTo("ops");
        assertThat(s.maxAttempts()).isEqualTo(5);

        assertThatThrownBy(() -> AwsSettings.from(
                        ProviderConfig.of(Map.of("endpoint_override", "http://AKID:secret@localhost:4566"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("must not carry credentials")
                .message()
                .doesNotContain("secret");
        assertThatThrownBy(() -> AwsSettings.from(ProviderConfig.of(Map.of("region", "mars-1"))))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> AwsSettings.from(
                        ProviderConfig.of(Map.of("api_call_timeout", "1s", "api_call_attempt_timeout", "5s"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("must not exceed");
    }

    @Test
    void failuresAreClassifiedByWhetherARetryCanHelp() {
        assertThat(failure(503, "RequestLimitExceeded").retriable()).isTrue();
        assertThat(failure(500, "InternalError").retriable()).isTrue();
        assertThat(failure(400, "Throttling").retriable()).isTrue();
        assertThat(failure(403, "AccessDenied").retriable()).isFalse();
        assertThat(failure(400, "InvalidParameterValue").retriable()).isFalse();
        assertThat(failure(403, "UnauthorizedOperation").describe("reboot i-1")).contains("IAM policy");
    }

    private static AwsFailure failure(int status, String code) {
        return AwsFailure.of(software.amazon.awssdk.awscore.exception.AwsServiceException.builder()
                .statusCode(status)
                .awsErrorDetails(software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage("m")
                        .build())
                .build());
    }
}
