package io.smartcloudops.aws;

import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Builds SDK clients that all share one {@link AwsSettings}: explicit time-outs, the standard retry
 * strategy (throttling and 5xx retried with jittered back-off), and the URL-connection HTTP client.
 * Each client owns its HTTP client; close the client when done.
 *
 * <pre>{@code
 * AwsClientFactory aws = new AwsClientFactory(AwsSettings.from(context.config()));
 * try (Ec2Client ec2 = aws.ec2()) {
 *     ec2.rebootInstances(r -> r.instanceIds("i-0abc12345678"));
 * }
 * }</pre>
 */
public final class AwsClientFactory {
    private final AwsSettings settings;
    private final AwsCredentialsProvider credentials;

    /** Credentials from the SDK's default chain (with the configured profile, if any). */
    public AwsClientFactory(AwsSettings settings) {
        this(settings, defaultCredentials(settings));
    }

    /** Explicit credentials, for an embedding application that manages its own (and for tests). */
    public AwsClientFactory(AwsSettings settings, AwsCredentialsProvider credentials) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    public AwsSettings settings() {
        return settings;
    }

    public CloudWatchClient cloudWatch() {
        return configure(CloudWatchClient.builder()).build();
    }

    public Ec2Client ec2() {
        return configure(Ec2Client.builder()).build();
    }

    public AutoScalingClient autoScaling() {
        return configure(AutoScalingClient.builder()).build();
    }

    public SsmClient ssm() {
        return configure(SsmClient.builder()).build();
    }

    public SnsClient sns() {
        return configure(SnsClient.builder()).build();
    }

    /**
     * An S3 client. Path-style addressing is used with an endpoint override, where bucket host
     * names ({@code bucket.localhost}) would not resolve.
     */
    public S3Client s3() {
        return configure(S3Client.builder())
                .forcePathStyle(settings.endpointOverride() != null)
                .build();
    }

    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder) {
        builder.credentialsProvider(credentials)
                .region(region())
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(settings.connectTimeout())
                        .socketTimeout(settings.socketTimeout()))
                .overrideConfiguration(o -> o.apiCallTimeout(settings.apiCallTimeout())
                        .apiCallAttemptTimeout(settings.apiCallAttemptTimeout())
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(settings.maxAttempts())
                                .backoffStrategy(BackoffStrategy.exponentialDelay(
                                        settings.retryBaseDelay(), settings.retryMaxBackoff()))
                                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(
                                        settings.retryBaseDelay().multipliedBy(5), settings.retryMaxBackoff()))
                                .build()));
        if (settings.endpointOverride() != null) {
            builder.endpointOverride(settings.endpointOverride());
        }
        return builder;
    }

    private Region region() {
        if (settings.region() != null) {
            return Region.of(settings.region());
        }
        DefaultAwsRegionProviderChain.Builder chain = DefaultAwsRegionProviderChain.builder();
        if (settings.profile() != null) {
            chain.profileName(settings.profile());
        }
        try {
            return chain.build().getRegion();
        } catch (RuntimeException e) {
            throw new io.smartcloudops.api.ConfigException(
                    "no AWS region: set 'region' in the plugin's settings, "
                            + "AWS_REGION in the environment, or a region in the AWS profile",
                    e);
        }
    }

    private static AwsCredentialsProvider defaultCredentials(AwsSettings settings) {
        DefaultCredentialsProvider.Builder chain = DefaultCredentialsProvider.builder();
        if (settings.profile() != null) {
            chain.profileName(settings.profile());
        }
        return chain.build();
    }
}
