package io.smartcloudops.api.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditLogAppendAllTest {

    /** Implements only append, so appendAll is the interface's default. */
    static final class ListLog implements AuditLog {
        final List<AuditEntry> entries = new ArrayList<>();
        int failAt = -1;

        @Override
        public AuditEntry append(AuditRecord record) {
            if (entries.size() == failAt) {
                throw new AuditException("disk full", null);
            }
            AuditEntry e = new AuditEntry(entries.size() + 1, Instant.EPOCH, record, "p", "h");
            entries.add(e);
            return e;
        }

        @Override
        public List<AuditEntry> query(AuditQuery query) {
            return List.copyOf(entries);
        }

        @Override
        public AuditVerification verify() {
            return AuditVerification.ok(entries.size());
        }

        @Override
        public void close() {}
    }

    private static AuditRecord record(String subject) {
        return new AuditRecord(AuditKind.ALERT, "rules", subject, "alert", "firing", "", Map.of());
    }

    @Test
    void defaultAppendsEachRecordInOrderAndReturnsTheEntries() {
        ListLog log = new ListLog();
        List<AuditEntry> out = log.appendAll(List.of(record("a"), record("b"), record("c")));
        assertThat(out).extracting(e -> e.record().subject()).containsExactly("a", "b", "c");
        assertThat(out).extracting(AuditEntry::sequence).containsExactly(1L, 2L, 3L);
        assertThat(log.entries).isEqualTo(out);
    }

    @Test
    void anEmptyBatchWritesNothing() {
        ListLog log = new ListLog();
        assertThat(log.appendAll(List.of())).isEmpty();
        assertThat(log.entries).isEmpty();
    }

    @Test
    void aNullRecordIsRefusedBeforeAnythingIsWritten() {
        ListLog log = new ListLog();
        assertThatThrownBy(() -> log.appendAll(Arrays.asList(record("a"), null)))
                .isInstanceOf(NullPointerException.class);
        assertThat(log.entries).isEmpty();
    }

    @Test
    void aFailingAppendInTheDefaultThrowsTheAuditException() {
        ListLog log = new ListLog();
        log.failAt = 1;
        assertThatThrownBy(() -> log.appendAll(List.of(record("a"), record("b"))))
                .isInstanceOf(AuditException.class);
    }
}
