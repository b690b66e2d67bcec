package io.smartcloudops.api.spi;

import io.smartcloudops.api.audit.AuditLog;

/**
 * Plugs in an audit log store.
 *
 * <pre>{@code
 * public final class MyAuditLogProvider implements AuditLogProvider {
 *     public String name() {
 *         return "mine";
 *     }
 *
 *     public AuditLog open(ProviderContext context) {
 *         return new MyAuditLog(context.clock());
 *     }
 * }
 * }</pre>
 */
public interface AuditLogProvider extends Provider {
    AuditLog open(ProviderContext context);
}
