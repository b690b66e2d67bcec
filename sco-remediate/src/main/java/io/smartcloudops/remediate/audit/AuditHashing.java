package io.smartcloudops.remediate.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcloudops.api.audit.AuditRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The chain's arithmetic. Format 2 (every log written since): an entry's hash is HMAC-SHA256, with
 * a key kept outside the data directory, over the exact stored text of every column (length-
 * prefixed, so no two rows share an input), the previous hash included; so any byte changed,
 * removed or inserted breaks the chain, and a rewritten chain cannot be recomputed without the key.
 * Format 1 (logs written before): unkeyed SHA-256 over a JSON of the parsed values; still verified
 * for the entries a log had when it was upgraded.
 */
final class AuditHashing {
    static final String GENESIS = "0".repeat(64);

    private final ObjectMapper json;

    AuditHashing(ObjectMapper json) {
        this.json = json;
    }

    String detailsJson(Map<String, String> details) {
        try {
            return json.writeValueAsString(new TreeMap<>(details));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }

    /** Format 2: the bytes the MAC covers, built from the stored column texts. */
    static byte[] storedBytes(String... columns) {
        StringBuilder sb = new StringBuilder("sco-audit-v2\n");
        for (String c : columns) {
            sb.append(c.length()).append(':').append(c).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Format 1's hash, kept to verify the entries written before the upgrade. */
    String hash(String previousHash, long sequence, Instant recordedAt, AuditRecord r) {
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("seq", sequence);
        canonical.put("at", recordedAt.toString());
        canonical.put("kind", r.kind().name());
        canonical.put("actor", r.actor());
        canonical.put("subject", r.subject());
        canonical.put("action", r.action());
        canonical.put("outcome", r.outcome());
        canonical.put("reason", r.reason());
        canonical.put("details", new TreeMap<>(r.details()));
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(previousHash.getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) '\n');
            sha.update(json.writeValueAsBytes(canonical));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("SHA-256 and JSON of plain values are always available", e);
        }
    }
}
