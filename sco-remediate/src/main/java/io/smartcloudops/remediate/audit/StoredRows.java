package io.smartcloudops.remediate.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcloudops.api.audit.AuditException;
import io.smartcloudops.api.storage.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored form of audit entries, for archives: each entry as one JSON object of its column
 * texts exactly as kept (the MAC covers these texts, so a restore must reproduce them exactly, not
 * re-serialise parsed values), exported from a log and written back into a new log file.
 */
final class StoredRows {
    /** The stored columns, exactly as kept, in the order of the table. */
    static final List<String> STORED_COLUMNS = List.of(
            "seq",
            "recorded_at",
            "kind",
            "actor",
            "subject",
            "action",
            "outcome",
            "reason",
            "details",
            "prev_hash",
            "hash",
            "key_id");

    private StoredRows() {}

    /** Entries {@code first..last} of the log behind {@code connection}; the caller owns the transaction. */
    static List<String> export(Connection connection, ObjectMapper json, long first, long last)
            throws SQLException, com.fasterxml.jackson.core.JsonProcessingException {
        List<String> rows = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT " + String.join(", ", STORED_COLUMNS) + " FROM audit WHERE seq BETWEEN ? AND ? ORDER BY seq")) {
            ps.setLong(1, first);
            ps.setLong(2, last);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("seq", rs.getLong(1));
                    for (int i = 2; i <= STORED_COLUMNS.size(); i++) {
                        row.put(STORED_COLUMNS.get(i - 1), rs.getString(i));
                    }
                    rows.add(json.writeValueAsString(row));
                }
            }
        }
        return rows;
    }

    /** See {@link SqliteAuditLog#restore}. */
    static long restore(Path file, List<String> storedRows) {
        if (Files.exists(file)) {
            throw new AuditException(
                    "refusing to restore over the existing audit log " + file.toAbsolutePath()
                            + "; move it aside first",
                    null);
        }
        ObjectMapper json = new ObjectMapper();
        Path temporary = Path.of(file.toAbsolutePath() + ".restoring");
        try {
            Files.deleteIfExists(temporary);
            PrivateFiles.database(temporary);
            long legacyUpTo = 0;
            boolean keyedSeen = false;
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + temporary)) {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    // the temporary file was deleted above, so these create the tables
                    s.execute(AuditSchema.CREATE_AUDIT_TABLE);
                    s.execute(AuditSchema.CREATE_META_TABLE);
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit(" + String.join(", ", STORED_COLUMNS)
                        + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")) {
                    long expected = 1;
                    for (String text : storedRows) {
                        com.fasterxml.jackson.databind.JsonNode row = json.readTree(text);
                        if (row == null || !row.isObject() || !row.path("seq").canConvertToLong()) {
                            throw new AuditException("archived entry " + expected + " is not a stored audit row", null);
                        }
                        long seq = row.get("seq").asLong();
                        if (seq != expected) {
                            throw new AuditException(
                                    "archived entries skip from " + (expected - 1) + " to " + seq
                                            + "; the archive is incomplete, nothing restored",
                                    null);
                        }
                        ps.setLong(1, seq);
                        for (int i = 2; i <= STORED_COLUMNS.size(); i++) {
                            com.fasterxml.jackson.databind.JsonNode v = row.get(STORED_COLUMNS.get(i - 1));
                            boolean nullable = "key_id".equals(STORED_COLUMNS.get(i - 1));
                            if (v == null || !(v.isTextual() || (nullable && v.isNull()))) {
                                throw new AuditException(
                                        "archived entry " + seq + " has no stored " + STORED_COLUMNS.get(i - 1), null);
                            }
                            ps.setString(i, v.isNull() ? null : v.textValue());
                        }
                        ps.executeUpdate();
                        boolean keyed = !row.get("key_id").isNull();
                        if (!keyed && !keyedSeen) {
                            legacyUpTo = seq; // format 1 entries come first, before the log was upgraded
                        }
                        keyedSeen |= keyed;
                        expected++;
                    }
                }
                try (PreparedStatement ps =
                        c.prepareStatement("INSERT INTO meta(k, v) VALUES ('format', ?), ('legacy_up_to', ?)")) {
                    ps.setString(1, AuditSchema.FORMAT);
                    ps.setString(2, Long.toString(legacyUpTo));
                    ps.executeUpdate();
                }
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE INDEX audit_at ON audit(recorded_at)");
                    s.execute("CREATE INDEX audit_subject ON audit(subject)");
                }
                c.commit();
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            return storedRows.size();
        } catch (SQLException | IOException e) {
            throw new AuditException(
                    "cannot restore the audit log to " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // a leftover .restoring file is refused by nothing and overwritten by the next restore
            }
        }
    }
}
