package io.smartcloudops.api.audit;

import java.util.ArrayList;
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

    /**
     * Writes {@code records} as consecutive entries, in order, and returns them acknowledged in
     * the same order; all are durable once this returns. A log that can should write them as one
     * unit (one transaction, one sync), so that a burst of entries costs one write to disk rather
     * than one each. An empty list writes nothing and returns an empty list.
     *
     * <p>When it throws {@link AuditException}, treat every record of the batch as not audited: a
     * log that writes the batch as one unit has kept none of it. This default appends one at a
     * time, so the records before the failing one may already be durable; which ones can be read
     * back with {@link #query}, but a caller must not assume any were.
     *
     * @throws NullPointerException when {@code records} or one of them is null; nothing is written
     */
    default List<AuditEntry> appendAll(List<AuditRecord> records) {
        List<AuditRecord> checked = List.copyOf(records); // rejects a null record before anything is written
        List<AuditEntry> out = new ArrayList<>(checked.size());
        for (AuditRecord r : checked) {
            out.add(append(r));
        }
        return List.copyOf(out);
    }

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
