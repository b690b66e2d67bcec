package io.smartcloudops.aws.s3;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.audit.AuditArchive;
import io.smartcloudops.api.audit.AuditLog;
import io.smartcloudops.api.spi.AuditArchiveProvider;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.aws.AwsClientFactory;
import io.smartcloudops.aws.AwsSettings;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code s3}: the audit log archived to S3 in segments ({@link S3AuditArchiver}). Settings:
 * {@code bucket}, {@code prefix}, {@code sse}, {@code kms_key_id} ({@link S3Settings}),
 * {@code segment_size} (entries per object, default 1000) and the {@link AwsSettings#KEYS}; the
 * host's {@code interval} between rounds is the host's own setting, not read here. Progress is kept
 * in {@code audit-archive.marker} in the data directory.
 */
public final class S3AuditArchiveProvider implements AuditArchiveProvider {
    /** Keys the host reads for scheduling and passes through. */
    public static final Set<String> HOST_KEYS = Set.of("store", "interval");

    @Override
    public String name() {
        return "s3";
    }

    @Override
    public AuditArchive open(ProviderContext context) {
        ProviderConfig c = context.config();
        Set<String> known = new HashSet<>(AwsSettings.KEYS);
        known.addAll(S3Settings.KEYS);
        known.addAll(HOST_KEYS);
        known.add("segment_size");
        c.requireOnly(known);
        int segment = c.integer("segment_size", 1000);
        if (segment < 1 || segment > S3AuditArchiver.MAX_SEGMENT) {
            throw new ConfigException("s3 audit archive: segment_size must be in [1, " + S3AuditArchiver.MAX_SEGMENT
                    + "], got " + segment);
        }
        AuditLog log = context.service(AuditLog.class).orElse(null);
        return new S3AuditArchiver(
                new AwsClientFactory(AwsSettings.from(c)).s3(),
                S3Settings.from(c),
                log,
                context.dataDir().resolve("audit-archive.marker"),
                segment);
    }
}
