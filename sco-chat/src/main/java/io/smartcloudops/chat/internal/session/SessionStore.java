package io.smartcloudops.chat.internal.session;

import io.smartcloudops.api.ProviderException;
import io.smartcloudops.chat.internal.nlu.Turn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * Conversation memory in a SQLite file: the last turn of each session, which expires after a
 * period of silence. One connection, used under this object's lock; SQLite serialises writers anyway
 * and a turn is a single small row.
 */
public final class SessionStore implements AutoCloseable {

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
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA busy_timeout=5000");
                s.execute("CREATE TABLE IF NOT EXISTS chat_session ("
                        + "session_key TEXT PRIMARY KEY, format INTEGER NOT NULL, updated_at INTEGER NOT NULL, state TEXT NOT NULL)");
            }
            return new SessionStore(c, clock, ttl);
        } catch (SQLException | IOException e) {
            throw new ProviderException("cannot open the chat session database " + file
                    + " (is the data directory writable?): " + e.getMessage(), e);
        }
    }

    /** The session's last turn, unless it is absent, expired or stored in a format this version cannot read. */
    public synchronized Optional<Turn> load(String session) {
        String key = key(session);
        try (PreparedStatement ps = db.prepareStatement("SELECT format, updated_at, state FROM chat_session WHERE session_key = ?")) {
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
                    LOG.warn("chat session {} is stored in format {} which this version cannot read; starting afresh", key, rs.getInt(1));
                }
                return turn;
            }
        } catch (SQLException e) {
            LOG.warn("cannot read chat session {}: {}", key, e.getMessage());
            return Optional.empty();
        }
    }

    public synchronized void save(String session, Turn turn) {
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO chat_session(session_key, format, updated_at, state) VALUES (?, ?, ?, ?) "
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

    /** Deletes every expired session; returns how many. */
    public synchronized int purgeExpired() {
        try (PreparedStatement ps = db.prepareStatement("DELETE FROM chat_session WHERE updated_at <= ?")) {
            ps.setLong(1, clock.millis() - ttl.toMillis());
            return ps.executeUpdate();
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
