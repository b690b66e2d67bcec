package io.smartcloudops.api.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * The head of an audit chain at one moment, as an {@link AuditAnchor} keeps it outside the log: the
 * last sequence, its hash, when it was taken, and a MAC over the three with the log's key (so an
 * anchor cannot be rewritten by someone who cannot also read the key).
 *
 * @param sequence the last entry's sequence (0 for an empty log)
 * @param hash the last entry's hash (64 zeros for an empty log)
 * @param keyId which key of the keyring made {@code mac}
 * @param mac hex HMAC-SHA256 over {@code sequence}, {@code hash} and {@code at}
 */
public record AuditHead(long sequence, String hash, Instant at, String keyId, String mac) {
    public AuditHead {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(mac, "mac");
    }
}
