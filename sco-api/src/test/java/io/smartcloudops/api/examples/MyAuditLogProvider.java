package io.smartcloudops.api.examples;

import io.smartcloudops.api.audit.AuditEntry;
import io.smartcloudops.api.audit.AuditLog;
import io.smartcloudops.api.audit.AuditQuery;
import io.smartcloudops.api.audit.AuditRecord;
import io.smartcloudops.api.audit.AuditVerification;
import io.smartcloudops.api.spi.AuditLogProvider;
import io.smartcloudops.api.spi.ProviderContext;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

// The AuditLogProvider example.
// tag::AuditLogProvider[]
public final class MyAuditLogProvider implements AuditLogProvider {
    public String name() {
        return "mine";
    }

    public AuditLog open(ProviderContext context) {
        return new MyAuditLog(context.clock());
    }
}
// end::AuditLogProvider[]

/** Keeps entries in memory, unchained: enough for the examples, not durable as a real log must be. */
final class MyAuditLog implements AuditLog {
    private static final String NO_HASH = "0".repeat(64);
    private final InstantSource clock;
    private final List<AuditEntry> entries = new ArrayList<>();

    MyAuditLog(InstantSource clock) {
        this.clock = clock;
    }

    @Override
    public synchronized AuditEntry append(AuditRecord record) {
        AuditEntry e = new AuditEntry(entries.size() + 1, clock.instant(), record, NO_HASH, NO_HASH);
        entries.add(e);
        return e;
    }

    @Override
    public synchronized List<AuditEntry> query(AuditQuery query) {
        List<AuditEntry> newestFirst = new ArrayList<>(entries);
        Collections.reverse(newestFirst);
        return newestFirst.stream()
                .filter(e -> query.action() == null
                        || query.action().equals(e.record().action()))
                .limit(query.limit())
                .toList();
    }

    @Override
    public synchronized AuditVerification verify() {
        return AuditVerification.ok(entries.size());
    }

    @Override
    public void close() {}
}
