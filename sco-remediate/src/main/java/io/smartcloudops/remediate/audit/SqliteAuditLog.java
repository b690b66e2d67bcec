package io.smartcloudops.remediate.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcloudops.api.audit.AuditAnchor;
import io.smartcloudops.api.audit.AuditEntry;
import io.smartcloudops.api.audit.AuditException;
import io.smartcloudops.api.audit.AuditHead;
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
import java.sql.SQLException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The audit log in one SQLite file: WAL journal, {@code synchronous=FULL}, one transaction per
 * entry (or per {@link #appendAll batch}), so an entry is on disk before {@link #append} returns and a crash loses nothing
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
    private final Path file;
    private final InstantSource clock;
    private AuditKeyring keys;
    private final AuditAnchors anchors;
    private StartupCheck startupCheck = StartupCheck.CONSISTENT;
    private final AuditHashing hashing;
    private final ObjectMapper json = new ObjectMapper();
    private final ChainWriter chain;
    private final WalCheckpointer checkpointer;

    private SqliteAuditLog(
            Path file,
            Connection connection,
            InstantSource clock,
            AuditKeyring keys,
            List<AuditAnchor> anchors,
            Duration anchorInterval)
            throws SQLException {
        this.file = file;
        this.clock = clock;
        this.keys = keys;
        this.anchors = new AuditAnchors(anchors);
        this.hashing = new AuditHashing(json);
        AuditSchema.prepare(connection);
        this.chain = new ChainWriter(file, connection, clock, hashing);
        boolean upgrade = AuditSchema.stampFormat(connection, chain.lastSequence());
        long legacyUpTo = AuditSchema.legacyUpTo(connection);
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
        checkpointer = new WalCheckpointer(file);
        checkpointer.every(anchorInterval, this::publishHead);
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
        return anchors.problems();
    }

    private StartupCheck checkAnchors() {
        List<String> problems = anchors.disagreements(chain.connection(), keys);
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
                Map.of(
                        "problems",
                        String.join(" | ", problems),
                        "head_sequence",
                        String.valueOf(chain.lastSequence()))));
        return new StartupCheck(false, List.copyOf(problems));
    }

    /** Publishes the current head to every anchor; a failing anchor is reported, not fatal. */
    private void publishHead() {
        AuditHead head;
        synchronized (this) {
            head = ChainCheck.head(keys, chain.lastSequence(), chain.lastHash(), clock.instant());
        }
        anchors.publish(head);
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
        return chain.append(record, keys);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here the whole batch is one transaction and one sync: either every entry is on disk when
     * this returns, or (on {@link AuditException}) none of them is, and the log carries on from
     * the head it had. The entries chain exactly as the same records appended one by one would.
     *
     * @throws NullPointerException when a record is null; nothing is written
     */
    @Override
    public synchronized List<AuditEntry> appendAll(List<AuditRecord> records) {
        return chain.appendAll(List.copyOf(records), keys);
    }

    @Override
    public synchronized List<AuditEntry> query(AuditQuery q) {
        try {
            List<AuditEntry> out = EntryQuery.of(q).run(chain.connection(), json);
            chain.connection().commit();
            return out;
        } catch (SQLException e) {
            chain.rollbackQuietly();
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
            List<String> rows = StoredRows.export(chain.connection(), json, first, last);
            chain.connection().commit();
            return rows;
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            chain.rollbackQuietly();
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
            AuditVerification v = ChainCheck.walk(chain.connection(), keys, hashing, anchors.all());
            chain.connection().commit();
            return v;
        } catch (SQLException e) {
            chain.rollbackQuietly();
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
        checkpointer.shutdown();
        publishHead();
        checkpointer.awaitAndClose();
        try {
            chain.connection().close();
        } catch (SQLException e) {
            throw new AuditException("closing audit log " + file + " failed: " + e.getMessage(), e);
        }
    }
}
