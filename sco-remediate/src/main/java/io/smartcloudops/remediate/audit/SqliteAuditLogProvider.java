package io.smartcloudops.remediate.audit;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.audit.AuditLog;
import io.smartcloudops.api.spi.AuditLogProvider;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.api.spi.ProviderContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * {@code sqlite}: the audit log in {@code <data-dir>/audit.db}. Settings: {@code file} (another
 * name in the data directory), {@code key_file} (the HMAC key, 0600; default
 * {@code <data-dir>.audit.key} beside the data directory), {@code anchor_file} (where the signed
 * head is anchored; default {@code <data-dir>.audit.anchor.json}) and {@code anchor_interval}
 * (default 10s). Relative paths are taken from the data directory's parent, since key and anchor
 * must not live inside it.
 */
public final class SqliteAuditLogProvider implements AuditLogProvider {
    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public AuditLog open(ProviderContext context) {
        ProviderConfig c = context.config();
        c.requireOnly(Set.of("file", "key_file", "anchor_file", "anchor_interval"));
        Path file = context.dataDir().resolve(c.string("file", "audit.db"));
        SqliteAuditLog.Options options = SqliteAuditLog.options(file).clock(context.clock());
        Path beside = context.dataDir().toAbsolutePath().getParent();
        if (c.has("key_file")) {
            options.keyFile(outsideDataDir(context, "key_file", beside.resolve(c.requireString("key_file"))));
        }
        if (c.has("anchor_file")) {
            options.anchor(new FileAuditAnchor(
                    outsideDataDir(context, "anchor_file", beside.resolve(c.requireString("anchor_file")))));
        }
        if (c.has("anchor_interval")) {
            Duration interval = c.duration("anchor_interval", Duration.ofSeconds(10));
            if (interval.isNegative() || interval.isZero()) {
                throw new ConfigException(
                        "setting '" + c.path() + ".anchor_interval' must be positive, got " + interval);
            }
            options.anchorInterval(interval);
        }
        return options.open();
    }

    /** Whoever can rewrite the data directory must not also hold the key or the anchor that would expose the rewrite. */
    private static Path outsideDataDir(ProviderContext context, String key, Path p) {
        Path dir = context.dataDir().toAbsolutePath().normalize();
        if (p.toAbsolutePath().normalize().startsWith(dir)) {
            throw new ConfigException(
                    "setting '" + context.config().path() + "." + key + "' is " + p + ", inside the data directory "
                            + dir + "; keep it outside, where a rewrite of the data cannot reach it");
        }
        return p;
    }
}
