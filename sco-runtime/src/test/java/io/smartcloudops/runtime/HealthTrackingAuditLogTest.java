package io.smartcloudops.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.audit.AuditEntry;
import io.smartcloudops.api.audit.AuditKind;
import io.smartcloudops.api.audit.AuditLog;
import io.smartcloudops.api.audit.AuditQuery;
import io.smartcloudops.api.audit.AuditRecord;
import io.smartcloudops.api.audit.AuditVerification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthTrackingAuditLogTest {
    /** Counts how its entries arrive: a batch forwarded whole is one appendAll call. */
    static final class CountingLog implements AuditLog {
        final List<Integer> batches = new ArrayList<>();
        int singles;

        @Override
        public AuditEntry append(AuditRecord record) {
            singles++;
            return new AuditEntry(singles, Instant.EPOCH, record, "p", "h");
        }

        @Override
        public List<AuditEntry> appendAll(List<AuditRecord> records) {
            batches.add(records.size());
            return records.stream()
                    .map(r -> new AuditEntry(1, Instant.EPOCH, r, "p", "h"))
                    .toList();
        }

        @Override
        public List<AuditEntry> query(AuditQuery query) {
            return List.of();
        }

        @Override
        public AuditVerification verify() {
            return AuditVerification.ok(0);
        }

        @Override
        public void close() {}
    }

    @Test
    void aBatchIsForwardedWholeToTheWatchedLog() {
        CountingLog inner = new CountingLog();
        AuditLog watched = new HealthTrackingAuditLog(inner, new ComponentHealth());
        AuditRecord r = new AuditRecord(AuditKind.ALERT, "rules", "HighCpu", "alert", "firing", "", Map.of());
        assertThat(watched.appendAll(List.of(r, r, r))).hasSize(3);
        assertThat(inner.batches).containsExactly(3);
        assertThat(inner.singles).isZero();
    }
}
