package io.smartcloudops.remediate.audit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcloudops.api.audit.AuditAnchor;
import io.smartcloudops.api.audit.AuditHead;
import io.smartcloudops.api.audit.AuditKind;
import io.smartcloudops.api.audit.AuditRecord;
import io.smartcloudops.api.audit.AuditVerification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Verification of a stored chain, shared by the open log and the read-only check: every keyed entry
 * must be canonical (the text a reader such as SQLite's {@code json_extract} sees is the text that
 * was MACed: fixed-width UTC times, details as sorted JSON without duplicate keys or trailing
 * bytes) and its MAC must match its stored bytes; then the chain must reach and contain every
 * anchored head.
 */
final class ChainCheck {
    /**
     * Times are stored fixed-width (always nine fraction digits), so that comparing them as text,
     * as the time-range queries do, orders them correctly; {@code Instant.toString()} drops zero
     * fractions and would sort {@code ...05Z} after {@code ...05.5Z}.
     */
    static final DateTimeFormatter STORED_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    static final TypeReference<Map<String, String>> DETAILS = new TypeReference<>() {};
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ChainCheck() {}

    static AuditHead head(AuditKeyring keys, long sequence, String hash, Instant at) {
        String keyId = keys.currentId();
        return new AuditHead(sequence, hash, at, keyId, keys.mac(keyId, headBytes(sequence, hash, at)));
    }

    private static byte[] headBytes(long sequence, String hash, Instant at) {
        return ("sco-audit-head-v1\n" + sequence + "\n" + hash + "\n" + at).getBytes(StandardCharsets.US_ASCII);
    }

    /** Why the stored chain disagrees with an anchored head, or null when it agrees. */
    static String disagreement(Connection c, AuditKeyring keys, AuditHead head, String anchor) throws SQLException {
        if (!keys.knows(head.keyId())
                || !keys.mac(head.keyId(), headBytes(head.sequence(), head.hash(), head.at()))
                        .equals(head.mac())) {
            return anchor
                    + " holds a head that is not authenticated by the audit key (it was altered, or the key file was replaced)";
        }
        if (head.sequence() == 0) {
            return null;
        }
        long last = 0;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(seq), 0) FROM audit")) {
            if (rs.next()) {
                last = rs.getLong(1);
            }
        }
        if (last < head.sequence()) {
            return "the log ends at entry " + last + " but " + anchor + " recorded entry " + head.sequence() + " at "
                    + head.at() + ": entries were removed from the end (or the log was replaced)";
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT hash FROM audit WHERE seq = ?")) {
            ps.setLong(1, head.sequence());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !rs.getString(1).equals(head.hash())) {
                    return "entry " + head.sequence() + " is not the one " + head.at() + "'s anchor " + anchor
                            + " recorded: the log was replaced";
                }
            }
        }
        return null;
    }

    static AuditVerification walk(Connection c, AuditKeyring keys, AuditHashing hashing, List<AuditAnchor> anchors)
            throws SQLException {
        long legacyUpTo = legacyUpTo(c);
        String expectedPrev = AuditHashing.GENESIS;
        long expectedSeq = 1;
        long checked = 0;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM audit ORDER BY seq")) {
            while (rs.next()) {
                long seq = rs.getLong("seq");
                if (seq != expectedSeq) {
                    return new AuditVerification(
                            checked, expectedSeq, "entry " + expectedSeq + " is missing (next present is " + seq + ")");
                }
                String prev = rs.getString("prev_hash");
                if (!expectedPrev.equals(prev)) {
                    return new AuditVerification(
                            checked, seq, "entry " + seq + " does not chain to entry " + (seq - 1));
                }
                String problem = seq <= legacyUpTo ? legacyProblem(rs, hashing, seq) : keyedProblem(rs, keys, seq);
                if (problem != null) {
                    return new AuditVerification(checked, seq, problem);
                }
                expectedPrev = rs.getString("hash");
                expectedSeq++;
                checked++;
            }
        }
        for (AuditAnchor a : anchors) {
            Optional<AuditHead> head;
            try {
                head = a.latest();
            } catch (RuntimeException e) {
                return new AuditVerification(checked, expectedSeq, e.getMessage());
            }
            if (head.isPresent()) {
                String p = disagreement(c, keys, head.get(), a.describe());
                if (p != null) {
                    return new AuditVerification(
                            checked, Math.min(expectedSeq, head.get().sequence()), p);
                }
            }
        }
        return AuditVerification.ok(checked);
    }

    private static long legacyUpTo(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet t =
                        s.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'")) {
            if (!t.next() || t.getLong(1) == 0) {
                return Long.MAX_VALUE; // a format 1 file never opened by this version: all of it is unkeyed
            }
        }
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT v FROM meta WHERE k = 'legacy_up_to'")) {
            return rs.next() ? Long.parseLong(rs.getString(1)) : 0;
        }
    }

    private static String keyedProblem(ResultSet rs, AuditKeyring keys, long seq) throws SQLException {
        String at = rs.getString("recorded_at");
        String kind = rs.getString("kind");
        String details = rs.getString("details");
        String keyId = rs.getString("key_id");
        try {
            if (!STORED_TIME.format(Instant.parse(at)).equals(at)) {
                return "entry " + seq + " has a non-canonical time '" + at
                        + "' (times are stored in UTC, nine fraction digits)";
            }
            AuditKind.valueOf(kind);
            Map<String, String> parsed = STRICT.readValue(details, DETAILS);
            if (!STRICT.writeValueAsString(new TreeMap<>(parsed)).equals(details)) {
                return "entry " + seq + " has non-canonical details (not sorted, compact JSON)";
            }
        } catch (IOException | RuntimeException e) {
            return "entry " + seq + " is not canonical: " + e.getMessage();
        }
        if (keyId == null || !keys.knows(keyId)) {
            return "entry " + seq + " names audit key '" + keyId + "', which is not in " + keys.file();
        }
        String mac = keys.mac(
                keyId,
                AuditHashing.storedBytes(
                        String.valueOf(seq),
                        at,
                        kind,
                        rs.getString("actor"),
                        rs.getString("subject"),
                        rs.getString("action"),
                        rs.getString("outcome"),
                        rs.getString("reason"),
                        details,
                        rs.getString("prev_hash"),
                        keyId));
        if (!mac.equals(rs.getString("hash"))) {
            return "entry " + seq + " was altered (its MAC does not match its stored bytes)";
        }
        return null;
    }

    private static String legacyProblem(ResultSet rs, AuditHashing hashing, long seq) throws SQLException {
        try {
            Map<String, String> details = new ObjectMapper().readValue(rs.getString("details"), DETAILS);
            AuditRecord r = EntryQuery.record(rs, details);
            String recomputed =
                    hashing.hash(rs.getString("prev_hash"), seq, Instant.parse(rs.getString("recorded_at")), r);
            return recomputed.equals(rs.getString("hash"))
                    ? null
                    : "entry " + seq + " was altered (its hash does not match its content)";
        } catch (IOException | RuntimeException e) {
            return "entry " + seq + " cannot be read: " + e.getMessage();
        }
    }
}
