package io.smartcloudops.aws;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.spi.ProviderConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How every AWS plugin reaches AWS: region, endpoint, profile, time-outs and retries. Credentials
 * are never part of it: they come from the SDK's default chain (environment, system properties,
 * web identity, the profile named here, container or instance role).
 *
 * <pre>{@code
 * AwsSettings s = AwsSettings.from(context.config()); // region: eu-west-1, api_call_timeout: 20s
 * }</pre>
 *
 * @param region the region, or null for the SDK's default region chain
 * @param endpointOverride a non-AWS endpoint (LocalStack, a test server), or null
 * @param profile the shared-config profile for credentials and region, or null for the default
 * @param apiCallTimeout bound of one API call including every retry
 * @param apiCallAttemptTimeout bound of one HTTP attempt
 * @param maxAttempts attempts per call, the first included (the SDK's standard retry strategy)
 * @param retryBaseDelay base of the exponential, jittered back-off between attempts
 * @param retryMaxBackoff cap of that back-off
 * @param connectTimeout TCP connect time-out
 * @param socketTimeout read time-out between bytes
 */
public record AwsSettings(
        String region,
        URI endpointOverride,
        String profile,
        Duration apiCallTimeout,
        Duration apiCallAttemptTimeout,
        int maxAttempts,
        Duration retryBaseDelay,
        Duration retryMaxBackoff,
        Duration connectTimeout,
        Duration socketTimeout) {

    /** The settings every AWS plugin accepts besides its own. */
    public static final Set<String> KEYS = Set.of(
            "region",
            "endpoint_override",
            "profile",
            "api_call_timeout",
            "api_call_attempt_timeout",
            "max_attempts",
            "retry_base_delay",
            "retry_max_backoff",
            "connect_timeout",
            "socket_timeout");

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    private static final Pattern PROFILE = Pattern.compile("[A-Za-z0-9_.@+-]{1,64}");

    public AwsSettings {
        if (region != null && !REGION.matcher(region).matches()) {
            throw new ConfigException("region '" + region + "' is not an AWS region name (like us-east-1)");
        }
        if (profile != null && !PROFILE.matcher(profile).matches()) {
            throw new ConfigException("profile '" + profile + "' is not a profile name (letters, digits, _.@+-)");
        }
        if (endpointOverride != null) {
            String scheme = endpointOverride.getScheme();
            if (!"http".equals(scheme) && !"https".equals(scheme) || endpointOverride.getHost() == null) {
                throw new ConfigException(
                        "endpoint_override must be an http(s) URL with a host, got '" + endpointOverride + "'");
            }
            if (endpointOverride.getUserInfo() != null) {
                // a URL with user:password would end up in logs and exception messages
                throw new ConfigException(
                        "endpoint_override must not carry credentials; use the default credential chain");
            }
        }
        positive("api_call_timeout", apiCallTimeout);
        positive("api_call_attempt_timeout", apiCallAttemptTimeout);
        positive("retry_base_delay", retryBaseDelay);
        positive("retry_max_backoff", retryMaxBackoff);
        positive("connect_timeout", connectTimeout);
        positive("socket_timeout", socketTimeout);
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new ConfigException("max_attempts must be in [1, 10], got " + maxAttempts);
        }
        if (apiCallAttemptTimeout.compareTo(apiCallTimeout) > 0) {
            throw new ConfigException("api_call_attempt_timeout (" + apiCallAttemptTimeout
                    + ") must not exceed api_call_timeout (" + apiCallTimeout + ")");
        }
    }

    /** Defaults: SDK chains for region and credentials, 30s per call, 10s per attempt, 3 attempts. */
    public static AwsSettings defaults() {
        return new AwsSettings(
                null,
                null,
                null,
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                3,
                Duration.ofMillis(100),
                Duration.ofSeconds(20),
                Duration.ofSeconds(5),
                Duration.ofSeconds(10));
    }

    /** Reads the keys in {@link #KEYS}; other keys are the caller's to check. */
    public static AwsSettings from(ProviderConfig c) {
        AwsSettings d = defaults();
        String endpoint = c.string("endpoint_override", null);
        URI uri;
        try {
            uri = endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint.trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("endpoint_override '" + endpoint + "' is not a URL: " + e.getMessage(), e);
        }
        return new AwsSettings(
                blankToNull(c.string("region", null)),
                uri,
                blankToNull(c.string("profile", null)),
                c.duration("api_call_timeout", d.apiCallTimeout()),
                c.duration("api_call_attempt_timeout", d.apiCallAttemptTimeout()),
                c.integer("max_attempts", d.maxAttempts()),
                c.duration("retry_base_delay", d.retryBaseDelay()),
                c.duration("retry_max_backoff", d.retryMaxBackoff()),
                c.duration("connect_timeout", d.connectTimeout()),
                c.duration("socket_timeout", d.socketTimeout()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static void positive(String key, Duration d) {
        Objects.requireNonNull(d, key);
        if (d.isNegative() || d.isZero()) {
            throw new ConfigException(key + " must be positive, got " + d);
        }
    }
}
