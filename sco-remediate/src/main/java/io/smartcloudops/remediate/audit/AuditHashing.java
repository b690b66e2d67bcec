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
 * The chain's arithmetic: an entry's hash is SHA-256 over the previous hash and a canonical JSON
 * of the entry (fixed field order, details sorted by key), so any altered, removed or inserted row
 * breaks every hash after it.
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
