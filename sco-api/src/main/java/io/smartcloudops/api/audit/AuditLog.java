package io.smartcloudops.api.audit;

import java.util.List;

/**
 * The append-only, tamper-evident record of what the agent saw and did. An action that cannot be
 * audited does not happen, so {@link #append} returning means the entry is durable.
 *
 * <pre>{@code
 * AuditEntry e = audit.append(record); // durable once this returns
 * List<AuditEntry> recent = audit.query(AuditQuery.latest(50));
 * AuditVerification v = audit.verify(); // v.intact()
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

    /**
     * What the log knows to be wrong with its own completeness: it was found behind an anchor at
     * open (entries cut from its tail, or the file replaced), or an anchor could not be written
     * lately. Empty when none, and for logs that keep no anchors. A host reports these as degraded.
     */
    default List<String> integrityProblems() {
        return List.of();
    }

    /**
     * Entries {@code first..last} in the exact form this log stores them, one self-contained text
     * per entry, oldest first: what an {@link AuditArchive} copies so a restore reproduces the log
     * byte for byte (a keyed chain cannot be recomputed, so only the stored bytes verify). Empty
     * for logs that cannot export; such a log cannot be archived.
     */
    default List<String> exportStored(long first, long last) {
        return List.of();
    }
}
