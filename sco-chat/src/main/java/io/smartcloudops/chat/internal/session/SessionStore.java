package io.smartcloudops.chat.internal.session;

import io.smartcloudops.api.ProviderException;
import io.smartcloudops.api.storage.PrivateFiles;
import io.smartcloudops.chat.internal.nlu.Turn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Conversation memory in a SQLite file: the last turn of each session and, for the {@code llm}
 * engine, the session's message window and pseudonyms (opaque documents in formats their writers name). All expire
 * after a period of silence. One connection, used under this object's lock; SQLite serialises writers
 * anyway and each is a single small row.
 */
public final class SessionStore implements AutoCloseable {

    /**
     * The opaque per-session documents the {@code llm} engine keeps beside the offline engine's turns,
     * each in its own table (its own row per session) and expiring like them. The table and column
     * names are fixed here, never taken from callers.
     */
    public enum Document {
        /** The session's message window. */
        MESSAGES("chat_memory", "messages", "memory"),
        /** The session's pseudonyms: which placeholder stands for which real name. */
        PSEUDONYMS("chat_pseudonyms", "names", "pseudonyms");

        private final String table;
        private final String column;
        private final String label;

        Document(String table, String column, String label) {
            this.table = table;
            this.column = column;
            this.label = label;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(SessionStore.class);
    private static final int MAX_KEY_CHARS = 128;
    /** Expired rows are also dropped on read; this bounds the file for sessions never read again. */
    private static final int PURGE_EVERY = 256;

    private final Connection db;
    private final InstantSource clock;
    private final Duration ttl;
    private final TurnCodec codec = new TurnCodec();
    private long saves;

    private SessionStore(Connection db, InstantSource clock, Duration ttl) {
        this.db = db;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** Opens (creating if needed) the session database at {@code file}. */
    public static SessionStore open(Path file, InstantSource clock, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("session ttl must be positive, got " + ttl);
        }
        try {
            PrivateFiles.database(file); // chat turns may quote what operators typed
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                // a conversation survives the agent crashing (the WAL is written before a turn
                // returns) but may lose its last turns to a power cut: no fsync per chat turn, which
                // on a busy disk cost more than answering. Actions proposed in chat are in the
                // audit log, which does fsync every entry.
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("PRAGMA busy_timeout=5000");
                s.execute(
                        "CREATE TABLE IF NOT EXISTS chat_session ("
                                + "session_key TEXT PRIMARY KEY, format INTEGER NOT NULL, updated_at INTEGER NOT NULL, state TEXT NOT NULL)");
                for (Document d : Document.values()) {
                    s.execute("CREATE TABLE IF NOT EXISTS " + d.table
                            + " (session_key TEXT PRIMARY KEY, format INTEGER NOT NULL, "
                            + "updated_at INTEGER NOT NULL, " + d.column + " TEXT NOT NULL)");
                }
            }
            return new SessionStore(c, clock, ttl);
        } catch (SQLException | IOException e) {
            throw new ProviderException(
                    "cannot open the chat session database " + file + " (is the data directory writable?): "
                            + e.getMessage(),
                    e);
        }
    }

    /** The session's last turn, unless it is absent, expired or stored in a format this version cannot read. */
    public synchronized Optional<Turn> load(String session) {
        String key = key(session);
        try (PreparedStatement ps =
                db.prepareStatement("SELECT format, updated_at, state FROM chat_session WHERE session_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                if (rs.getLong(2) + ttl.toMillis() <= clock.millis()) {
                    delete(key);
                    return Optional.empty();
                }
                Optional<Turn> turn = codec.read(rs.getString(3));
                if (turn.isEmpty()) {
                    LOG.warn(
                            "chat session {} is stored in format {} which this version cannot read; starting afresh",
                            key,
                            rs.getInt(1));
                }
                return turn;
            }
        } catch (SQLException e) {
            LOG.warn("cannot read chat session {}: {}", key, e.getMessage());
            return Optional.empty();
        }
    }

    public synchronized void save(String session, Turn turn) {
        try (PreparedStatement ps = db.prepareStatement(
                "INSERT INTO chat_session(session_key, format, updated_at, state) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT(session_key) DO UPDATE SET format = excluded.format, updated_at = excluded.updated_at, state = excluded.state")) {
            ps.setString(1, key(session));
            ps.setInt(2, TurnCodec.VERSION);
            ps.setLong(3, clock.millis());
            ps.setString(4, codec.write(turn));
            ps.executeUpdate();
            if (++saves % PURGE_EVERY == 0) {
                purgeExpired();
            }
        } catch (SQLException e) {
            // Losing one turn of context is better than failing the answer.
            LOG.warn("cannot save chat session {}: {}", key(session), e.getMessage());
        }
    }

    /**
     * The session's document of this kind as its writer stored it, unless absent, expired, or written
     * in another {@code format} than the caller reads (the caller then starts afresh).
     */
    public synchronized Optional<String> loadDocument(Document kind, String session, int format) {
        String key = key(session);
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT format, updated_at, " + kind.column + " FROM " + kind.table + " WHERE session_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                if (rs.getLong(2) + ttl.toMillis() <= clock.millis()) {
                    deleteDocument(kind, session);
                    return Optional.empty();
                }
                if (rs.getInt(1) != format) {
                    LOG.warn(
                            "chat {} {} is stored in format {}, not {}; starting afresh",
                            kind.label,
                            key,
                            rs.getInt(1),
                            format);
                    return Optional.empty();
                }
                return Optional.of(rs.getString(3));
            }
        } catch (SQLException e) {
            LOG.warn("cannot read chat {} {}: {}", kind.label, key, e.getMessage());
            return Optional.empty();
        }
    }

    public synchronized void saveDocument(Document kind, String session, int format, String document) {
        try (PreparedStatement ps =
                db.prepareStatement("INSERT INTO " + kind.table + "(session_key, format, updated_at, " + kind.column
                        + ") VALUES (?, ?, ?, ?) ON CONFLICT(session_key) DO UPDATE SET format = excluded.format, "
                        + "updated_at = excluded.updated_at, " + kind.column + " = excluded." + kind.column)) {
            ps.setString(1, key(session));
            ps.setInt(2, format);
            ps.setLong(3, clock.millis());
            ps.setString(4, document);
            ps.executeUpdate();
        } catch (SQLException e) {
            LOG.warn("cannot save chat {} {}: {}", kind.label, key(session), e.getMessage());
        }
    }

    public synchronized void deleteDocument(Document kind, String session) {
        try (PreparedStatement ps = db.prepareStatement("DELETE FROM " + kind.table + " WHERE session_key = ?")) {
            ps.setString(1, key(session));
            ps.executeUpdate();
        } catch (SQLException e) {
            LOG.warn("cannot delete chat {} {}: {}", kind.label, key(session), e.getMessage());
        }
    }

    /** Deletes every expired session and document; returns how many rows. */
    public synchronized int purgeExpired() {
        long cutoff = clock.millis() - ttl.toMillis();
        int purged = 0;
        try {
            for (String table : new String[] {"chat_session", Document.MESSAGES.table, Document.PSEUDONYMS.table}) {
                try (PreparedStatement ps = db.prepareStatement("DELETE FROM " + table + " WHERE updated_at <= ?")) {
                    ps.setLong(1, cutoff);
                    purged += ps.executeUpdate();
                }
            }
            return purged;
        } catch (SQLException e) {
            LOG.warn("cannot purge expired chat sessions: {}", e.getMessage());
            return 0;
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            LOG.warn("closing the chat session database failed: {}", e.getMessage());
        }
    }

    private void delete(String key) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("DELETE FROM chat_session WHERE session_key = ?")) {
            ps.setString(1, key);
            ps.executeUpdate();
        }
    }

    /** Session ids come from callers: long ones are hashed so a huge id cannot bloat the table. */
    private static String key(String session) {
        if (session.length() <= MAX_KEY_CHARS) {
            return session;
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(session.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
