package io.smartcloudops.api.audit;

import java.util.List;

/**
 * A copy of the audit log kept away from the host, in segments of consecutive entries in the log's
 * stored form ({@link AuditLog#exportStored}), so a log lost with its machine can be restored byte
 * for byte and verified with its key and anchors.
 *
 * <pre>{@code
 * archive.archive(false); // on a schedule: every full segment not yet copied
 * archive.archive(true); // at stop: the partial tail too
 * List<String> rows = archive.storedRows(); // for a restore, oldest first
 * }</pre>
 */
public interface AuditArchive extends AutoCloseable {

    /**
     * Copies the entries not yet archived, a segment at a time.
     *
     * @param includeTail also copy the entries after the last full segment (at stop)
     * @return how many segments were written
     * @throws AuditException when the log cannot be read or the archive cannot be written; what
     *     was copied before stays recorded and the next call goes on from there
     */
    int archive(boolean includeTail);

    /** Every archived entry's stored form, oldest first, each segment checked against its digest and the chain. */
    List<String> storedRows();

    /** Where this archive writes ({@code s3://bucket/prefix/audit/}). */
    String location();

    @Override
    default void close() {}
}
