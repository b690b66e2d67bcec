package io.smartcloudops.remediate.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcloudops.api.audit.AuditAnchor;
import io.smartcloudops.api.audit.AuditEntry;
import io.smartcloudops.api.audit.AuditException;
import io.smartcloudops.api.audit.AuditKind;
import io.smartcloudops.api.audit.AuditLog;
import io.smartcloudops.api.audit.AuditQuery;
import io.smartcloudops.api.audit.AuditRecord;
import io.smartcloudops.api.audit.AuditVerification;
import io.smartcloudops.api.storage.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The audit log in one SQLite file: WAL journal, {@code synchronous=FULL}, one transaction per
 * entry, so an entry is on disk before {@link #append} returns and a crash loses nothing
 * acknowledged. Entries are chained by HMAC-SHA256 over their stored bytes with a key kept outside
 * the data directory (see {@link AuditHashing}, {@link AuditKeyring}); the chain's head is
 * published to {@link AuditAnchor}s (by default a file beside the data directory) at a fixed
 * interval and at close, so that verification sees a truncated, emptied, deleted or replaced log.
 * Opening a log that is behind its anchor records the gap as an entry and reports it through
 * {@link #startupCheck()}. Files are 0600.
 *
 * <p>Format: version 2 (keyed). A version 1 log (unkeyed SHA-256, before 0.2) is upgraded in place
 * on first open: its entries stay as they are and verify by the old rule, and an entry recording
 * the upgrade chains the first keyed entry onto the old head.
 *
 * <pre>{@code
 * try (SqliteAuditLog log = SqliteAuditLog.options(Path.of("sco-data/audit.db"))
 *         .keyFile(Path.of("/etc/sco/audit.key"))
 *         .anchor(new FileAuditAnchor(Path.of("/var/lib/sco-anchor.json")))
 *         .clock(InstantSource.system())
 *         .open()) {
 *     log.append(record);
 *     if (!log.startupCheck().consistent())
 *         System.err.println("audit log degraded: " + log.startupCheck().problems());
 * }
 * AuditVerification v = SqliteAuditLog.verifyReadOnly(copy, keyFile, List.of(anchor)); // a forensic copy
 * }</pre>
 */
public final class SqliteAuditLog implements AuditLog {
    /** The stored form's tables, for a log being opened and for one being restored from its stored rows. */
    static final String CREATE_AUDIT_TABLE = """
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
              hash TEXT NOT NULL,
              key_id TEXT)""";

    static final String CREATE_META_TABLE = "CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL)";

    static final String FORMAT = "2";

    private final Path file;
    private Connection connection;
    private final InstantSource clock;
    private AuditKeyring keys;
    private final List<AuditAnchor> anchors;
    private final List<String> anchorProblems = new CopyOnWriteArrayList<>();
    private StartupCheck startupCheck = StartupCheck.CONSISTENT;
    private long legacyUpTo;
    private final AuditHashing hashing;
    private final ObjectMapper json = new ObjectMapper();
    private final ScheduledExecutorService checkpointer;
    /** The checkpointer's own connection, opened on its first round and used only on its thread. */
    private Connection checkpointConnection;

    private long lastSequence;
    private String lastHash;

    private SqliteAuditLog(
            Path file,
            Connection connection,
            InstantSource clock,
            AuditKeyring keys,
            List<AuditAnchor> anchors,
            Duration anchorInterval)
            throws SQLException {
        this.file = file;
        this.connection = connection;
        this.clock = clock;
        this.keys = keys;
        this.anchors = List.copyOf(anchors);
        this.hashing = new AuditHashing(json);
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=FULL");
            s.execute("PRAGMA busy_timeout=5000");
            // Checkpoints (copying the WAL into the database) happen on a background thread, off
            // the append path, so a durable append costs one WAL fsync and no checkpoint spike.
            s.execute("PRAGMA wal_autocheckpoint=0");
            s.execute(CREATE_AUDIT_TABLE);
            s.execute(CREATE_META_TABLE);
            if (!hasColumn(connection, "key_id")) {
                s.execute("ALTER TABLE audit ADD COLUMN key_id TEXT");
            }
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
        String format = meta(connection, "format");
        boolean upgrade = format == null && lastSequence > 0;
        if (format == null) {
            try (Statement s = connection.createStatement()) {
                s.execute("INSERT INTO meta(k, v) VALUES ('format', '" + FORMAT + "'), ('legacy_up_to', '"
                        + lastSequence + "')");
            }
        } else if (!format.equals(FORMAT)) {
            throw new SQLException("audit log format " + format + " is newer than this version reads (" + FORMAT
                    + "); use a newer release");
        }
        legacyUpTo = Long.parseLong(meta(connection, "legacy_up_to"));
        connection.setAutoCommit(false);
        if (upgrade) {
            append(new AuditRecord(
                    AuditKind.SYSTEM,
                    "audit",
                    file.getFileName().toString(),
                    "audit_format",
                    "upgraded",
                    "entries 1.." + legacyUpTo + " are format 1 (unkeyed SHA-256); from here on entries are keyed",
                    Map.of("legacy_up_to", String.valueOf(legacyUpTo), "key_id", keys.currentId())));
        }
        startupCheck = checkAnchors();
        publishHead();
        checkpointer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sco-audit-checkpoint");
            t.setDaemon(true);
            return t;
        });
        checkpointer.scheduleWithFixedDelay(this::checkpoint, 1, 1, TimeUnit.SECONDS);
        long every = anchorInterval.toMillis();
        checkpointer.scheduleWithFixedDelay(this::publishHead, every, every, TimeUnit.MILLISECONDS);
    }

    private static boolean hasColumn(Connection c, String column) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA table_info(audit)")) {
            while (rs.next()) {
                if (column.equals(rs.getString("name"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String meta(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT v FROM meta WHERE k = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /**
     * What opening found when it compared the log with its anchors.
     *
     * @param consistent false when the log is behind an anchor or does not contain its head
     * @param problems one line per anchor that disagrees (empty when consistent)
     */
    public record StartupCheck(boolean consistent, List<String> problems) {
        static final StartupCheck CONSISTENT = new StartupCheck(true, List.of());
    }

    /**
     * The comparison made at open. When not consistent the log has already recorded the gap as a
     * SYSTEM entry ({@code audit_anchor / behind_anchor}); the host must report degraded health and
     * say so, not carry on silently.
     */
    public StartupCheck startupCheck() {
        return startupCheck;
    }

    @Override
    public List<String> integrityProblems() {
        List<String> out = new ArrayList<>(startupCheck.problems());
        out.addAll(anchorProblems());
        return out;
    }

    /** Anchors that could not be written lately (empty when all are current). */
    public List<String> anchorProblems() {
        return List.copyOf(anchorProblems);
    }

    private StartupCheck checkAnchors() {
        List<String> problems = new ArrayList<>();
        for (AuditAnchor a : anchors) {
            try {
                Optional<io.smartcloudops.api.audit.AuditHead> head = a.latest();
                if (head.isPresent()) {
                    String p = ChainCheck.disagreement(connection, keys, head.get(), a.describe());
                    if (p != null) {
                        problems.add(p);
                    }
                }
            } catch (RuntimeException | SQLException e) {
                problems.add(a.describe() + " cannot be read: " + e.getMessage());
            }
        }
        if (problems.isEmpty()) {
            return StartupCheck.CONSISTENT;
        }
        append(new AuditRecord(
                AuditKind.SYSTEM,
                "audit",
                file.getFileName().toString(),
                "audit_anchor",
                "behind_anchor",
                "the log does not reach or contain the head its anchors recorded; entries may have been removed or replaced",
                Map.of("problems", String.join(" | ", problems), "head_sequence", String.valueOf(lastSequence))));
        return new StartupCheck(false, List.copyOf(problems));
    }

    /** Publishes the current head to every anchor; a failing anchor is reported, not fatal. */
    private void publishHead() {
        io.smartcloudops.api.audit.AuditHead head;
        synchronized (this) {
            head = ChainCheck.head(keys, lastSequence, lastHash, clock.instant());
        }
        for (AuditAnchor a : anchors) {
            try {
                a.publish(head);
                anchorProblems.remove(a.describe());
            } catch (RuntimeException e) {
                if (!anchorProblems.contains(a.describe())) {
                    anchorProblems.add(a.describe());
                }
            }
        }
    }

    /**
     * Starts using a fresh key: the rotation is recorded (MACed with the old key), then every
     * later entry is MACed with the new one. Old keys stay in the key file so old entries verify.
     */
    public synchronized AuditEntry rotateKey() {
        AuditKeyring next = keys.rotate();
        AuditEntry e = append(new AuditRecord(
                AuditKind.SYSTEM,
                "audit",
                file.getFileName().toString(),
                "audit_key",
                "rotated",
                "later entries are authenticated with key " + next.currentId(),
                Map.of("from", keys.currentId(), "to", next.currentId())));
        keys = next;
        return e;
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
        return options(file).clock(clock).open();
    }

    /** Options for opening {@code file}; the key file and the anchor default to places beside the data directory. */
    public static Options options(Path file) {
        return new Options(file);
    }

    /** The key file a log at {@code file} uses unless told otherwise: beside its data directory, not in it. */
    public static Path defaultKeyFile(Path file) {
        return besideDataDir(file, "key");
    }

    /** The anchor file a log at {@code file} uses unless told otherwise: beside its data directory, not in it. */
    public static Path defaultAnchorFile(Path file) {
        return besideDataDir(file, "anchor.json");
    }

    private static Path besideDataDir(Path file, String suffix) {
        Path dir = file.toAbsolutePath().getParent();
        String stem = file.getFileName().toString().replaceFirst("\\.db$", "");
        return dir.resolveSibling(dir.getFileName() + "." + stem + "." + suffix);
    }

    /** How to open a log. */
    public static final class Options {
        private final Path file;
        private Path keyFile;
        private List<AuditAnchor> anchors;
        private Duration anchorInterval = Duration.ofSeconds(10);
        private InstantSource clock = InstantSource.system();

        private Options(Path file) {
            this.file = Objects.requireNonNull(file, "file");
        }

        /** The HMAC key file (created 0600 if missing); keep it outside the data directory. */
        public Options keyFile(Path f) {
            this.keyFile = f;
            return this;
        }

        /** Replaces the default file anchor; pass several to anchor in several places. */
        public Options anchors(List<AuditAnchor> a) {
            this.anchors = List.copyOf(a);
            return this;
        }

        public Options anchor(AuditAnchor a) {
            return anchors(List.of(a));
        }

        /** How often the head is published (and at close); entries newer than the last anchor are not yet protected. */
        public Options anchorInterval(Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("anchor interval must be positive, got " + d);
            }
            this.anchorInterval = d;
            return this;
        }

        public Options clock(InstantSource c) {
            this.clock = Objects.requireNonNull(c);
            return this;
        }

        public Path keyFileOrDefault() {
            return keyFile != null ? keyFile : defaultKeyFile(file);
        }

        public List<AuditAnchor> anchorsOrDefault() {
            return anchors != null ? anchors : List.of(new FileAuditAnchor(defaultAnchorFile(file)));
        }

        public SqliteAuditLog open() {
            return SqliteAuditLog.open(this);
        }
    }

    private static SqliteAuditLog open(Options o) {
        Path file = o.file;
        InstantSource clock = o.clock;
        try {
            Path dir = file.toAbsolutePath().getParent();
            PrivateFiles.directory(dir);
            if (!Files.isWritable(dir)) {
                throw new AuditException(
                        "audit directory " + dir + " is not writable; choose another --data-dir or fix its permissions",
                        null);
            }
            AuditKeyring keys = AuditKeyring.openOrCreate(o.keyFileOrDefault());
            PrivateFiles.database(file);
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            SqliteAuditLog log = new SqliteAuditLog(file, c, clock, keys, o.anchorsOrDefault(), o.anchorInterval);
            return log;
        } catch (SQLException | IOException e) {
            throw new AuditException("cannot open audit log " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Another process may append to the same file (the {@code sco-agent token} command does,
     * beside a running agent): when the sequence this log expected was taken, the head is read
     * back from the file and the entry is chained onto it, once.
     */
    @Override
    public synchronized AuditEntry append(AuditRecord record) {
        long expected = lastSequence;
        try {
            return appendOnce(record);
        } catch (AuditException e) {
            if (lastSequence > expected) {
                return appendOnce(record); // reopen() found entries another writer added
            }
            throw e;
        }
    }

    private AuditEntry appendOnce(AuditRecord record) {
        long seq = lastSequence + 1;
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
                        lastHash,
                        keyId));
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO audit(seq, recorded_at, kind, actor, subject, action, outcome, reason, details, prev_hash, hash, key_id) "
                        + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")) {
            ps.setLong(1, seq);
            ps.setString(2, storedAt);
            ps.setString(3, record.kind().name());
            ps.setString(4, record.actor());
            ps.setString(5, record.subject());
            ps.setString(6, record.action());
            ps.setString(7, record.outcome());
            ps.setString(8, record.reason());
            ps.setString(9, details);
            ps.setString(10, lastHash);
            ps.setString(11, hash);
            ps.setString(12, keyId);
            ps.executeUpdate();
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            reopen();
            throw new AuditException(
                    "audit entry " + seq + " was not recorded (" + e.getMessage()
                            + "); the action it describes must not proceed",
                    e);
        }
        AuditEntry entry = new AuditEntry(seq, Instant.parse(storedAt), record, lastHash, hash);
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
        try {
            List<AuditEntry> out = EntryQuery.of(q).run(connection, json);
            connection.commit();
            return out;
        } catch (SQLException e) {
            rollbackQuietly();
            throw new AuditException("cannot read audit log " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Each entry {@code first..last} as one JSON object of its stored column texts (the MAC covers
     * these texts, so a restore must reproduce them exactly, not re-serialise parsed values).
     */
    @Override
    public synchronized List<String> exportStored(long first, long last) {
        try {
            List<String> rows = StoredRows.export(connection, json, first, last);
            connection.commit();
            return rows;
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            rollbackQuietly();
            throw new AuditException(
                    "cannot export audit entries " + first + ".." + last + " of " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes a new log file from entries exported by {@link #exportStored} (an archive's copy),
     * exactly as they were stored; it is then verified like any log, with its key file and anchors.
     * Refuses to write over an existing file, and refuses rows that are not consecutive from 1.
     *
     * @return how many entries were restored
     */
    public static long restore(Path file, List<String> storedRows) {
        return StoredRows.restore(file, storedRows);
    }

    /** Walks the chain (keyed entries by their MAC over the stored bytes) and compares it with the anchors. */
    @Override
    public synchronized AuditVerification verify() {
        try {
            AuditVerification v = ChainCheck.walk(connection, keys, hashing, anchors);
            connection.commit();
            return v;
        } catch (SQLException e) {
            rollbackQuietly();
            throw new AuditException("cannot read audit log " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Verifies a log without changing anything: the database is opened read-only (a forensic copy
     * on read-only media verifies), the key file is only read, and a missing log file is a failure
     * when an anchor says entries existed.
     */
    public static AuditVerification verifyReadOnly(Path file, Path keyFile, List<AuditAnchor> anchors) {
        return ReadOnlyVerification.verify(file, keyFile, anchors);
    }

    @Override
    public synchronized void close() {
        checkpointer.shutdownNow();
        publishHead();
        try {
            checkpointer.awaitTermination(5, TimeUnit.SECONDS);
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
