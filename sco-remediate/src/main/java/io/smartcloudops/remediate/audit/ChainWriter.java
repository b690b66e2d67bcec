package io.smartcloudops.remediate.audit;

import io.smartcloudops.api.audit.AuditEntry;
import io.smartcloudops.api.audit.AuditException;
import io.smartcloudops.api.audit.AuditRecord;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The write end of a log's chain: each record stored as the next entry, MACed over its stored
 * bytes and the previous entry's hash, and committed before it is acknowledged. Owns the log's
 * connection, because a failed write replaces it (see {@link #reopen}); readers borrow it through
 * {@link #connection()}.
 *
 * <p>Not thread-safe: the log calls it under its monitor.
 */
final class ChainWriter {
    private final Path file;
    private final InstantSource clock;
    private final AuditHashing hashing;
    private Connection connection;

    private long lastSequence = 0;
    private String lastHash = AuditHashing.GENESIS;

    /** Continues the chain stored behind {@code connection} (whose tables exist) from its last entry. */
    ChainWriter(Path file, Connection connection, InstantSource clock, AuditHashing hashing) throws SQLException {
        this.file = file;
        this.connection = connection;
        this.clock = clock;
        this.hashing = hashing;
        try (Statement s = connection.createStatement()) {
            readHead(s);
        }
    }

    private void readHead(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")) {
            if (rs.next()) {
                lastSequence = rs.getLong(1);
                lastHash = rs.getString(2);
            }
        }
    }

    Connection connection() {
        return connection;
    }

    long lastSequence() {
        return lastSequence;
    }

    String lastHash() {
        return lastHash;
    }

    /** See {@link SqliteAuditLog#append}: MACed with {@code keys}' current key. */
    AuditEntry append(AuditRecord record, AuditKeyring keys) {
        return appendAll(List.of(record), keys).get(0);
    }

    /**
     * See {@link SqliteAuditLog#appendAll}: the records chained one after another exactly as
     * single appends would chain them, in one transaction; the head moves only once it commits.
     */
    List<AuditEntry> appendAll(List<AuditRecord> records, AuditKeyring keys) {
        if (records.isEmpty()) {
            return List.of();
        }
        long expected = lastSequence;
        try {
            return appendOnce(records, keys);
        } catch (AuditException e) {
            if (lastSequence > expected) {
                return appendOnce(records, keys); // reopen() found entries another writer added
            }
            throw e;
        }
    }

    private List<AuditEntry> appendOnce(List<AuditRecord> records, AuditKeyring keys) {
        long seq = lastSequence;
        String prev = lastHash;
        List<AuditEntry> out = new ArrayList<>(records.size());
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO audit(seq, recorded_at, kind, actor, subject, action, outcome, reason, details, prev_hash, hash, key_id) "
                        + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")) {
            for (AuditRecord record : records) {
                seq++;
                AuditEntry entry = insert(ps, seq, prev, record, keys);
                out.add(entry);
                prev = entry.hash();
            }
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            reopen();
            long first = lastSequence + 1;
            String message = records.size() == 1
                    ? "audit entry " + first + " was not recorded (" + e.getMessage()
                            + "); the action it describes must not proceed"
                    : "audit entries " + first + ".." + (first + records.size() - 1)
                            + " were not recorded, none of them (" + e.getMessage()
                            + "); the actions they describe must not proceed";
            throw new AuditException(message, e);
        }
        lastSequence = seq;
        lastHash = prev;
        return List.copyOf(out);
    }

    private AuditEntry insert(PreparedStatement ps, long seq, String prev, AuditRecord record, AuditKeyring keys)
            throws SQLException {
        Instant at = clock.instant();
        String storedAt = ChainCheck.STORED_TIME.format(at);
        String details = hashing.detailsJson(record.details());
        String keyId = keys.currentId();
        String hash = keys.mac(
                keyId,
                AuditHashing.storedBytes(
                        String.valueOf(seq),
                        storedAt,
                        record.kind().name(),
                        record.actor(),
                        record.subject(),
                        record.action(),
                        record.outcome(),
                        record.reason(),
                        details,
                        prev,
                        keyId));
        ps.setLong(1, seq);
        ps.setString(2, storedAt);
        ps.setString(3, record.kind().name());
        ps.setString(4, record.actor());
        ps.setString(5, record.subject());
        ps.setString(6, record.action());
        ps.setString(7, record.outcome());
        ps.setString(8, record.reason());
        ps.setString(9, details);
        ps.setString(10, prev);
        ps.setString(11, hash);
        ps.setString(12, keyId);
        ps.executeUpdate();
        return new AuditEntry(seq, Instant.parse(storedAt), record, prev, hash);
    }

    /**
     * After a failed write the driver's transaction state is unknown (SQLite rolls a transaction
     * back by itself on SQLITE_FULL, and the driver may then run the next statement outside any
     * transaction), so the connection is replaced and the chain's head read back from the file:
     * the next append chains onto what is really there, and a log that failed on a full disk
     * works again once space returns. If the file cannot be opened yet, the next append retries.
     */
    private void reopen() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // replaced below either way
        }
        try {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA busy_timeout=5000");
                s.execute("PRAGMA wal_autocheckpoint=0");
                readHead(s);
            }
            c.setAutoCommit(false);
            connection = c;
        } catch (SQLException e) {
            // still failing (the disk may still be full): the closed connection makes the next append retry this
        }
    }

    void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the original failure is what the caller needs to see
        }
    }
}
