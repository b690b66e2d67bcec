package io.smartcloudops.remediate.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcloudops.api.audit.AuditEntry;
import io.smartcloudops.api.audit.AuditKind;
import io.smartcloudops.api.audit.AuditQuery;
import io.smartcloudops.api.audit.AuditRecord;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One {@link AuditQuery} as SQL over the stored rows: a filter per field the query sets, newest
 * first, bound as parameters (never spliced into the text), and each row read back as an entry.
 */
record EntryQuery(String sql, List<Object> args) {

    static EntryQuery of(AuditQuery q) {
        StringBuilder sql = new StringBuilder("SELECT * FROM audit WHERE 1=1");
        List<Object> args = new ArrayList<>();
        if (q.from() != null) {
            sql.append(" AND recorded_at >= ?");
            args.add(ChainCheck.STORED_TIME.format(q.from()));
        }
        if (q.to() != null) {
            sql.append(" AND recorded_at <= ?");
            args.add(ChainCheck.STORED_TIME.format(q.to()));
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
        return new EntryQuery(sql.toString(), List.copyOf(args));
    }

    /** The matching entries on {@code connection}; the caller owns the transaction. */
    List<AuditEntry> run(Connection connection, ObjectMapper json) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<AuditEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs, json));
                }
            }
            return out;
        }
    }

    private static AuditEntry read(ResultSet rs, ObjectMapper json) throws SQLException {
        Map<String, String> details;
        try {
            details = json.readValue(rs.getString("details"), ChainCheck.DETAILS);
        } catch (IOException e) {
            details = Map.of("unreadable_details", rs.getString("details"));
        }
        return new AuditEntry(
                rs.getLong("seq"),
                Instant.parse(rs.getString("recorded_at")),
                record(rs, details),
                rs.getString("prev_hash"),
                rs.getString("hash"));
    }

    /** The record a stored row holds, with its details already parsed (how strictly is the caller's choice). */
    static AuditRecord record(ResultSet rs, Map<String, String> details) throws SQLException {
        return new AuditRecord(
                AuditKind.valueOf(rs.getString("kind")),
                rs.getString("actor"),
                rs.getString("subject"),
                rs.getString("action"),
                rs.getString("outcome"),
                rs.getString("reason"),
                details);
    }
}
