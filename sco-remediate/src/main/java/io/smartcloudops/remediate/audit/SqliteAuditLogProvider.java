package io.smartcloudops.remediate.audit;

import io.smartcloudops.api.audit.AuditLog;
import io.smartcloudops.api.spi.AuditLogProvider;
import io.smartcloudops.api.spi.ProviderContext;
import java.util.Set;

/** {@code sqlite}: the audit log in {@code <data-dir>/audit.db} (setting {@code file} overrides the name). */
public final class SqliteAuditLogProvider implements AuditLogProvider {
    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public AuditLog open(ProviderContext context) {
        context.config().requireOnly(Set.of("file"));
        return SqliteAuditLog.open(context.dataDir().resolve(context.config().string("file", "audit.db")), context.clock());
    }
}
