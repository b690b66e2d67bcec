package io.smartcloudops.api.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * A record as the log acknowledged it: durable, numbered, and chained by hash to the entry before.
 *
 * @param sequence 1 for the first entry, then one more each
 * @param previousHash the hash of entry {@code sequence - 1} (64 zeros for the first)
 * @param hash SHA-256 over the previous hash and this entry's canonical content
 */
public record AuditEntry(long sequence, Instant recordedAt, AuditRecord record, String previousHash, String hash) {
    public AuditEntry {
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(hash, "hash");
    }
}
