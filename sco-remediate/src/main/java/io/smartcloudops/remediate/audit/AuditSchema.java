package io.smartcloudops.remediate.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The log's stored form: its tables, the journal settings a durable append needs, and the format
 * stamp, with the in-place upgrade of a version 1 file (unkeyed, before 0.2) to version 2.
 */
final class AuditSchema {
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

    private AuditSchema() {}

    /** Sets the journal up and creates (or brings up to date) the tables and indexes of a log being opened. */
    static void prepare(Connection connection) throws SQLException {
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
        }
    }

    /**
     * Stamps the format on a file that has none, recording that its {@code lastSequence} entries
     * so far are format 1; refuses a format newer than this version reads.
     *
     * @return true when the file held entries before it was stamped (a format 1 log being upgraded)
     */
    static boolean stampFormat(Connection connection, long lastSequence) throws SQLException {
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
        return upgrade;
    }

    /** The last format 1 (unkeyed) entry of a stamped file; 0 when it never had one. */
    static long legacyUpTo(Connection connection) throws SQLException {
        return Long.parseLong(meta(connection, "legacy_up_to"));
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
}
