package io.smartcloudops.api.examples;

import io.smartcloudops.api.audit.AuditArchive;
import io.smartcloudops.api.audit.AuditException;
import io.smartcloudops.api.audit.AuditLog;
import io.smartcloudops.api.spi.AuditArchiveProvider;
import io.smartcloudops.api.spi.ProviderContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

// The AuditArchiveProvider example.
// tag::AuditArchiveProvider[]
public final class MyArchiveProvider implements AuditArchiveProvider {
    public String name() {
        return "mine";
    }

    public AuditArchive open(ProviderContext context) {
        Optional<AuditLog> log = context.service(AuditLog.class); // empty when opened for a restore
        return new MyArchive(log, context.config().requireString("bucket"));
    }
}
// end::AuditArchiveProvider[]

/** Keeps the copied rows in memory, as one segment per call; a real archive writes them to its bucket. */
final class MyArchive implements AuditArchive {
    private final Optional<AuditLog> log;
    private final String bucket;
    private final List<String> rows = new ArrayList<>();

    MyArchive(Optional<AuditLog> log, String bucket) {
        this.log = log;
        this.bucket = bucket;
    }

    @Override
    public synchronized int archive(boolean includeTail) {
        AuditLog source =
                log.orElseThrow(() -> new AuditException("opened for a restore: there is no log to archive", null));
        List<String> fresh = source.exportStored(rows.size() + 1, Long.MAX_VALUE);
        rows.addAll(fresh);
        return fresh.isEmpty() ? 0 : 1;
    }

    @Override
    public synchronized List<String> storedRows() {
        return List.copyOf(rows);
    }

    @Override
    public String location() {
        return "mine://" + bucket + "/audit/";
    }
}
