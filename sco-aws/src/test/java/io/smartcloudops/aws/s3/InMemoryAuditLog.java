package io.smartcloudops.aws.s3;

import io.smartcloudops.api.audit.AuditEntry;
import io.smartcloudops.api.audit.AuditLog;
import io.smartcloudops.api.audit.AuditQuery;
import io.smartcloudops.api.audit.AuditRecord;
import io.smartcloudops.api.audit.AuditVerification;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * An audit log in memory, answering queries as the SQLite log does: {@code from}/{@code to}
 * inclusive on the recording time, newest sequence first, at most {@code limit}. One second passes
 * between two appends.
 */
final class InMemoryAuditLog implements AuditLog {
    private final List<AuditEntry> entries = new ArrayList<>();
    private Instant next = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public synchronized AuditEntry append(AuditRecord record) {
        String previous = entries.isEmpty() ? "0".repeat(64) : entries.get(entries.size() - 1).hash();
        AuditEntry e = new AuditEntry(entries.size() + 1, next, record, previous, hash(previous + record));
        next = next.plusSeconds(1);
        entries.add(e);
        return e;
    }

    /** Replaces an entry as a tamperer would, leaving the rest alone. */
    synchronized void replace(long sequence, AuditEntry forged) {
        entries.set((int) sequence - 1, forged);
    }

    synchronized int size() {
        return entries.size();
    }

    @Override
    public synchronized List<AuditEntry> query(AuditQuery q) {
        return entries.stream()
                .filter(e -> q.from() == null || !e.recordedAt().isBefore(q.from()))
                .filter(e -> q.to() == null || !e.recordedAt().isAfter(q.to()))
                .filter(e -> q.kind() == null || e.record().kind() == q.kind())
                .sorted(Comparator.comparingLong(AuditEntry::sequence).reversed())
                .limit(q.limit()).toList();
    }

    @Override
    public synchronized AuditVerification verify() {
        String previous = "0".repeat(64);
        for (AuditEntry e : entries) {
            if (!e.previousHash().equals(previous) || !e.hash().equals(hash(previous + e.record()))) {
                return new AuditVerification(entries.size(), e.sequence(), "broken chain");
            }
            previous = e.hash();
        }
        return AuditVerification.ok(entries.size());
    }

    @Override
    public void close() {
    }

    static String hash(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
