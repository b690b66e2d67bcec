package io.smartcloudops.api.audit;

import java.util.List;

/**
 * The append-only, tamper-evident record of what the agent saw and did. An action that cannot be
 * audited does not happen, so {@link #append} returning means the entry is durable.
 *
 * <pre>{@code
 * AuditEntry e = audit.append(record);          // durable once this returns
 * List<AuditEntry> recent = audit.query(AuditQuery.latest(50));
 * AuditVerification v = audit.verify();          // v.intact()
 * }</pre>
 */
public interface AuditLog extends AutoCloseable {

    /** Writes durably and returns the acknowledged entry; throws {@link AuditException} when it cannot. */
    AuditEntry append(AuditRecord record);

    List<AuditEntry> query(AuditQuery query);

    /** Walks the whole chain from the first entry. */
    AuditVerification verify();

    @Override
    void close();
}
