package io.smartcloudops.remediate.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcloudops.api.audit.AuditEntry;
import io.smartcloudops.api.audit.AuditException;
import io.smartcloudops.api.audit.AuditKind;
import io.smartcloudops.api.audit.AuditLog;
import io.smartcloudops.api.audit.AuditQuery;
import io.smartcloudops.api.audit.AuditRecord;
import io.smartcloudops.api.audit.AuditVerification;
import java.nio.file.Files;
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
import java.util.Map;

/**
 * The audit log in one SQLite file: WAL journal, {@code synchronous=FULL}, one transaction per
 * entry, so an entry is on disk before {@link #append} returns and a crash loses nothing
 * acknowledged. Entries are chained by SHA-256 (see {@link AuditHashing}).
 *
 * <pre>{@code
 * try (SqliteAuditLog log = SqliteAuditLog.open(Path.of("sco-data/audit.db"), InstantSource.system())) {
 *     log.append(record);
 * }
 * }</pre>
 */
public final class SqliteAuditLog implements AuditLog {
    private static final TypeReference<Map<String, String>> DETAILS = new TypeReference<>() { };
    /**
     * Times are stored fixed-width (always nine fraction digits), so that comparing them as text,
     * as the time-range queries do, orders them correctly; {@code Instant.toString()} drops zero
     * fractions and would sort {@code ...05Z} after {@code ...05.5Z}.
     */
    private static final java.time.format.DateTimeFormatter STORED_TIME =
            java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(java.time.ZoneOffset.UTC);

    private final Path file;
    private Connection connection;
    private final InstantSource clock;
    private final AuditHashing hashing;
    private final ObjectMapper json = new ObjectMapper();
    private final java.util.concurrent.ScheduledExecutorService checkpointer;
    /** The checkpointer's own connection, opened on its first round and used only on its thread. */
    private Connection checkpointConnection;
    private long lastSequence;
    private String lastHash;

    private SqliteAuditLog(Path file, Connection connection, InstantSource clock) throws SQLException {
        this.file = file;
        this.connection = connection;
        this.clock = clock;
        this.hashing = new AuditHashing(json);
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=FULL");
            s.execute("PRAGMA busy_timeout=5000");
            // Checkpoints (copying the WAL into the database) happen on a background thread, off
            // the append path, so a durable append costs one WAL fsync and no checkpoint spike.
            s.execute("PRAGMA wal_autocheckpoint=0");
            s.execute("""
                    CREATE TABLE IF NOT EXISTS audit (
                      seq INTEGER PRIMARY KEY,
                      recorded_at TEXT NOT NULL,
                      kind TEXT NOT NULL,
                      actor TEXT NOT NULL,
                      subject TEXT NOT NULL,
                      action TEXT NOT NULL,
                      outcome TEXT NOT NULL,
                      reason TEXT NOT NULL,
                      details TEXT NOT NULL,
                      prev_hash TEXT NOT NULL,
                      hash TEXT NOT NULL)""");
            s.execute("CREATE INDEX IF NOT EXISTS audit_at ON audit(recorded_at)");
            s.execute("CREATE INDEX IF NOT EXISTS audit_subject ON audit(subject)");
            try (ResultSet rs = s.executeQuery("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")) {
                if (rs.next()) {
                    lastSequence = rs.getLong(1);
                    lastHash = rs.getString(2);
                } else {
                    lastSequence = 0;
                    lastHash = AuditHashing.GENESIS;
                }
            }
        }
        connection.setAutoCommit(false);
        checkpointer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sco-audit-checkpoint");
            t.setDaemon(true);
            return t;
        });
        checkpointer.scheduleWithFixedDelay(this::checkpoint, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Copies committed WAL frames into the database file from a connection of its own; never blocks appends. */
    private void checkpoint() {
        try {
            if (checkpointConnection == null) {
                checkpointConnection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
                try (Statement s = checkpointConnection.createStatement()) {
                    s.execute("PRAGMA busy_timeout=1000");
                }
            }
            try (Statement s = checkpointConnection.createStatement()) {
                s.execute("PRAGMA wal_checkpoint(PASSIVE)");
            }
        } catch (SQLException e) {
            // the next round tries again; the WAL keeps every committed entry meanwhile
        }
    }

    private void closeCheckpointConnection() {
        try {
            if (checkpointConnection != null) {
                checkpointConnection.close();
            }
        } catch (SQLException e) {
            // it only ever read; nothing is lost
        }
    }

    /**
     * Opens (creating if needed) the log file.
     *
     * @throws AuditException naming the file when it cannot be created or opened
     */
    public static SqliteAuditLog open(Path file, InstantSource clock) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            if (!Files.isWritable(dir)) {
                throw new AuditException("audit directory " + dir + " is not writable; choose another --data-dir or fix its permissions", null);
            }
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            return new SqliteAuditLog(file, c, clock);
        } catch (SQLException | java.io.IOException e) {
            throw new AuditException("cannot open audit log " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized AuditEntry append(AuditRecord record) {
        long seq = lastSequence + 1;
        Instant at = clock.instant();
        String hash = hashing.hash(lastHash, seq, at, record);
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO audit(seq, recorded_at, kind, actor, subject, action, outcome, reason, details, prev_hash, hash) "
                        + "VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
            ps.setLong(1, seq);
            ps.setString(2, STORED_TIME.format(at));
            ps.setString(3, record.kind().name());
            ps.setString(4, record.actor());
            ps.setString(5, record.subject());
            ps.setString(6, record.action());
            ps.setString(7, record.outcome());
            ps.setString(8, record.reason());
            ps.setString(9, hashing.detailsJson(record.details()));
            ps.setString(10, lastHash);
            ps.setString(11, hash);
            ps.executeUpdate();
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            reopen();
            throw new AuditException("audit entry " + seq + " was not recorded (" + e.getMessage() + "); the action it describes must not proceed", e);
        }
        AuditEntry entry = new AuditEntry(seq, at, record, lastHash, hash);
        lastSequence = seq;
        lastHash = hash;
        return entry;
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
                try (ResultSet rs = s.executeQuery("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")) {
                    if (rs.next()) {
                        lastSequence = rs.getLong(1);
                        lastHash = rs.getString(2);
                    }
                }
            }
            c.setAutoCommit(false);
            connection = c;
        } catch (SQLException e) {
            // still failing (the disk may still be full): the closed connection makes the next append retry this
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the original failure is what the caller needs to see
        }
    }

    @Override
    public synchronized List<AuditEntry> query(AuditQuery q) {
        StringBuilder sql = new StringBuilder("SELECT * FROM audit WHERE 1=1");
        List<Object> args = new ArrayList<>();
        if (q.from() != null) {
            sql.append(" AND recorded_at >= ?");
            args.add(STORED_TIME.format(q.from()));
        }
        if (q.to() != null) {
            sql.append(" AND recorded_at <= ?");
            args.add(STORED_TIME.format(q.to()));
        }
        if (q.kind() != null) {
            sql.append(" AND kind = ?");
            args.add(q.kind().name());
        }
        if (q.subject() != null) {
            sql.append(" AND subject = ?");
            args.add(q.subject());
        }
        if (q.action() != null) {
            sql.append(" AND action = ?");
            args.add(q.action());
        }
        if (q.outcome() != null) {
            sql.append(" AND outcome = ?");
            args.add(q.outcome());
        }
        sql.append(" ORDER BY seq DESC LIMIT ?");
        args.add(q.limit());
        try (PreparedStatement ps = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<AuditEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            connection.commit();
            return out;
        } catch (SQLException e) {
            rollbackQuietly();
            throw new AuditException("cannot read audit log " + file + ": " + e.getMessage(), e);
        }
    }

    private AuditEntry read(ResultSet rs) throws SQLException {
        Map<String, String> details;
        try {
            details = json.readValue(rs.getString("details"), DETAILS);
        } catch (java.io.IOException e) {
            details = Map.of("unreadable_details", rs.getString("details"));
        }
        AuditRecord r = new AuditRecord(AuditKind.valueOf(rs.getString("kind")), rs.getString("actor"), rs.getString("subject"),
                rs.getString("action"), rs.getString("outcome"), rs.getString("reason"), details);
        return new AuditEntry(rs.getLong("seq"), Instant.parse(rs.getString("recorded_at")), r, rs.getString("prev_hash"), rs.getString("hash"));
    }

    @Override
    public synchronized AuditVerification verify() {
        String expectedPrev = AuditHashing.GENESIS;
        long expectedSeq = 1;
        long checked = 0;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM audit ORDER BY seq")) {
            while (rs.next()) {
                long seq = rs.getLong("seq");
                AuditEntry e;
                try {
                    e = read(rs);
                } catch (RuntimeException bad) {
                    return new AuditVerification(checked, seq, "entry " + seq + " cannot be read: " + bad.getMessage());
                }
                if (seq != expectedSeq) {
                    return new AuditVerification(checked, expectedSeq, "entry " + expectedSeq + " is missing (next present is " + seq + ")");
                }
                if (!e.previousHash().equals(expectedPrev)) {
                    return new AuditVerification(checked, seq, "entry " + seq + " does not chain to entry " + (seq - 1));
                }
                String recomputed = hashing.hash(expectedPrev, seq, e.recordedAt(), e.record());
                if (!recomputed.equals(e.hash())) {
                    return new AuditVerification(checked, seq, "entry " + seq + " was altered (its hash does not match its content)");
                }
                expectedPrev = e.hash();
                expectedSeq++;
                checked++;
            }
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            throw new AuditException("cannot read audit log " + file + ": " + e.getMessage(), e);
        }
        return AuditVerification.ok(checked);
    }

    @Override
    public synchronized void close() {
        checkpointer.shutdownNow();
        try {
            checkpointer.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeCheckpointConnection();
        try {
            connection.close();
        } catch (SQLException e) {
            throw new AuditException("closing audit log " + file + " failed: " + e.getMessage(), e);
        }
    }
}
