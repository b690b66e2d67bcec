package io.smartcloudops.remediate.state;

import io.smartcloudops.api.storage.PrivateFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Safety state in one SQLite file beside the audit log ({@code <data-dir>/state.db}, 0600): WAL,
 * {@code synchronous=FULL}, one statement per change, so what a caller was told survives a crash.
 * Expired entries are dropped when the file is opened.
 */
public final class SqliteSafetyState implements SafetyState, AutoCloseable {
    private final Path file;
    private final Connection db;

    private SqliteSafetyState(Path file, Connection db) {
        this.file = file;
        this.db = db;
    }

    public static SqliteSafetyState open(Path file, InstantSource clock) {
        try {
            PrivateFiles.database(file);
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA busy_timeout=5000");
                s.execute(
                        "CREATE TABLE IF NOT EXISTS safety_state (kind TEXT NOT NULL, k TEXT NOT NULL, v TEXT NOT NULL, "
                                + "expires_at INTEGER NOT NULL, PRIMARY KEY (kind, k))");
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM safety_state WHERE expires_at <= ?")) {
                    ps.setLong(1, clock.instant().toEpochMilli());
                    ps.executeUpdate();
                }
            }
            return new SqliteSafetyState(file, c);
        } catch (SQLException | IOException e) {
            throw new SafetyStateException(
                    "cannot open the safety state " + file.toAbsolutePath() + ": " + e.getMessage()
                            + " (is the data directory writable?)",
                    e);
        }
    }

    @Override
    public synchronized void put(String kind, String key, String value, Instant expiresAt) {
        try (PreparedStatement ps =
                db.prepareStatement("INSERT OR REPLACE INTO safety_state(kind, k, v, expires_at) VALUES (?,?,?,?)")) {
            ps.setString(1, kind);
            ps.setString(2, key);
            ps.setString(3, value);
            ps.setLong(4, expiresAt.toEpochMilli());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new SafetyStateException(
                    "cannot save " + kind + " '" + key + "' in " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void remove(String kind, String key) {
        try (PreparedStatement ps = db.prepareStatement("DELETE FROM safety_state WHERE kind = ? AND k = ?")) {
            ps.setString(1, kind);
            ps.setString(2, key);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new SafetyStateException(
                    "cannot remove " + kind + " '" + key + "' from " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Map<String, String> load(String kind, Instant now) {
        Map<String, String> out = new LinkedHashMap<>();
        try (PreparedStatement ps =
                db.prepareStatement("SELECT k, v FROM safety_state WHERE kind = ? AND expires_at > ? ORDER BY rowid")) {
            ps.setString(1, kind);
            ps.setLong(2, now.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new SafetyStateException("cannot read " + kind + " from " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            // every change committed when it returned
        }
    }
}
