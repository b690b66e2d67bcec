package io.smartcloudops.api.spi;

import io.smartcloudops.api.audit.AuditArchive;

/**
 * Plugs in an audit archive ({@code audit: {archive: {store: NAME, ...}}} in a host's configuration).
 * The host shares the log to archive as {@code context.service(AuditLog.class)} ({@link io.smartcloudops.api.audit.AuditLog}); a restore opens
 * the archive without one.
 *
 * <pre>{@code
 * public final class MyArchiveProvider implements AuditArchiveProvider {
 *     public String name() {
 *         return "mine";
 *     }
 *
 *     public AuditArchive open(ProviderContext context) {
 *         Optional<AuditLog> log = context.service(AuditLog.class); // empty when opened for a restore
 *         return new MyArchive(log, context.config().requireString("bucket"));
 *     }
 * }
 * }</pre>
 */
public interface AuditArchiveProvider extends Provider {
    AuditArchive open(ProviderContext context);
}
