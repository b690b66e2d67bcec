package io.smartcloudops.runtime;

import io.smartcloudops.api.audit.AuditEntry;
import io.smartcloudops.api.audit.AuditLog;
import io.smartcloudops.api.audit.AuditQuery;
import io.smartcloudops.api.audit.AuditRecord;
import io.smartcloudops.api.audit.AuditVerification;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log, watched: a failed append (a full disk, a read-only file system) marks the
 * {@code audit} component failing until an append succeeds again. Nothing else changes: the
 * failure still reaches the caller, so the policy gate still refuses to act on what it cannot
 * record.
 */
final class HealthTrackingAuditLog implements AuditLog {
    static final String COMPONENT = "audit";
    private static final Logger LOG = LoggerFactory.getLogger(HealthTrackingAuditLog.class);

    private final AuditLog delegate;
    private final ComponentHealth health;
    private volatile boolean failing;

    static final String INTEGRITY = "audit integrity";

    HealthTrackingAuditLog(AuditLog delegate, ComponentHealth health) {
        this.delegate = delegate;
        this.health = health;
        health.ok(COMPONENT);
        List<String> problems = delegate.integrityProblems();
        if (!problems.isEmpty()) {
            // Never carry on silently on a log that is behind its anchor: the log itself has recorded the gap.
            LOG.error("the audit log is not complete: {}", String.join("; ", problems));
        }
        refreshIntegrity();
    }

    /** Reports what the log knows to be wrong with its completeness as this host's health (checked every round). */
    void refreshIntegrity() {
        List<String> problems = delegate.integrityProblems();
        health.record(INTEGRITY, problems.isEmpty() ? ComponentHealth.OK : String.join("; ", problems));
    }

    @Override
    public List<String> integrityProblems() {
        return delegate.integrityProblems();
    }

    @Override
    public AuditEntry append(AuditRecord record) {
        return watched(() -> delegate.append(record));
    }

    /** Forwarded whole, so that the delegate still writes the batch as one unit. */
    @Override
    public List<AuditEntry> appendAll(List<AuditRecord> records) {
        return watched(() -> delegate.appendAll(records));
    }

    private <T> T watched(Supplier<T> write) {
        try {
            T out = write.get();
            if (failing) {
                failing = false;
                health.ok(COMPONENT);
                LOG.warn("the audit log accepts entries again; actions may run");
            }
            return out;
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.error(
                        "the audit log refuses entries ({}); no action runs until it accepts them again",
                        e.getMessage());
            }
            failing = true;
            health.failing(COMPONENT, e.getMessage() + "; actions are held back");
            throw e;
        }
    }

    @Override
    public List<AuditEntry> query(AuditQuery query) {
        return delegate.query(query);
    }

    @Override
    public AuditVerification verify() {
        return delegate.verify();
    }

    @Override
    public List<String> exportStored(long first, long last) {
        return delegate.exportStored(first, last);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
