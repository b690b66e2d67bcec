package io.smartcloudops.aws.s3;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.spi.ProviderConfig;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where in S3 a store writes, and how objects are encrypted at rest.
 *
 * <pre>{@code
 * S3Settings models = S3Settings.from(config); // bucket: sco-models, prefix: prod/, sse: aws:kms
 * }</pre>
 *
 * @param bucket the bucket name
 * @param prefix prepended to every key; empty or ending in {@code /}
 * @param sse {@code AES256} (SSE-S3) or {@code aws:kms} (SSE-KMS)
 * @param kmsKeyId the KMS key id or ARN for {@code aws:kms}, or null for the account's S3 key
 */
public record S3Settings(String bucket, String prefix, String sse, String kmsKeyId) {
    public static final String SSE_S3 = "AES256";
    public static final String SSE_KMS = "aws:kms";
    /** The settings keys this record reads. */
    public static final Set<String> KEYS = Set.of("bucket", "prefix", "sse", "kms_key_id");

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern PREFIX = Pattern.compile("([A-Za-z0-9!_.*'()-]+/)*");

    public S3Settings {
        Objects.requireNonNull(bucket, "bucket");
        prefix = prefix == null ? "" : prefix;
        sse = sse == null ? SSE_S3 : sse;
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw new ConfigException(
                    "'" + bucket + "' is not an S3 bucket name (3-63 lower-case letters, digits, '.', '-')");
        }
        if (!PREFIX.matcher(prefix).matches()) {
            throw new ConfigException(
                    "prefix '" + prefix + "' must be empty or path segments each ending in '/' (like prod/sco/)");
        }
        if (!SSE_S3.equals(sse) && !SSE_KMS.equals(sse)) {
            throw new ConfigException(
                    "sse must be " + SSE_S3 + " (SSE-S3) or " + SSE_KMS + " (SSE-KMS), got '" + sse + "'");
        }
        if (kmsKeyId != null && kmsKeyId.isBlank()) {
            kmsKeyId = null;
        }
        if (kmsKeyId != null && !SSE_KMS.equals(sse)) {
            throw new ConfigException("kms_key_id is set but sse is " + sse + "; set sse: aws:kms to use the key");
        }
    }

    public static S3Settings from(ProviderConfig c) {
        return new S3Settings(
                c.requireString("bucket"),
                c.string("prefix", ""),
                c.string("sse", SSE_S3),
                c.string("kms_key_id", null));
    }

    String uri(String key) {
        return "s3://" + bucket + "/" + key;
    }
}
