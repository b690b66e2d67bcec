package io.smartcloudops.remediate.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcloudops.api.audit.AuditEntry;
import io.smartcloudops.api.audit.AuditException;
import io.smartcloudops.api.audit.AuditKind;
import io.smartcloudops.api.audit.AuditQuery;
import io.smartcloudops.api.audit.AuditRecord;
import io.smartcloudops.api.audit.AuditVerification;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteAuditLogBatchTest {
    @TempDir
    Path dir;

    private Instant now = Instant.parse("2026-12-07T00:00:00Z");

    /** Each reading a millisecond later, so that batch and singles see the same times in the same order. */
    private InstantSource ticking() {
        now = Instant.parse("2026-12-07T00:00:00Z");
        return () -> {
            now = now.plus(Duration.ofMillis(1));
            return now;
        };
    }

    private static List<AuditRecord> records(int n) {
        List<AuditRecord> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(new AuditRecord(
                    AuditKind.ALERT,
                    "rules",
                    "HighCpu" + i,
                    "alert",
                    i % 2 == 0 ? "resolved" : "firing",
                    "cpu above 90%",
                    Map.of("instance", "host-" + i, "value", String.valueOf(90.5 + i))));
        }
        return out;
    }

    private SqliteAuditLog open(String name, InstantSource clock) {
        Path file = dir.resolve(name).resolve("audit.db");
        return SqliteAuditLog.options(file)
                .keyFile(dir.resolve("shared.key"))
                .anchor(new FileAuditAnchor(dir.resolve(name + ".anchor.json")))
                .clock(clock)
                .open();
    }

    @Test
    void aBatchStoresTheSameChainAsTheSameRecordsAppendedSingly() {
        List<String> singles;
        List<String> batched;
        try (SqliteAuditLog log = open("singles", ticking())) {
            records(7).forEach(log::append);
            singles = log.exportStored(1, 7);
        }
        try (SqliteAuditLog log = open("batch", ticking())) {
            List<AuditEntry> out = log.appendAll(records(7));
            assertThat(out).extracting(AuditEntry::sequence).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
            batched = log.exportStored(1, 7);
        }
        assertThat(batched).hasSize(7).isEqualTo(singles);
    }

    @Test
    void batchesAndSinglesInterleavedVerifyAndSurviveReopening() {
        try (SqliteAuditLog log = open("mixed", ticking())) {
            log.append(records(1).get(0));
            log.appendAll(records(5));
            log.append(records(1).get(0));
            log.appendAll(records(3));
            assertThat(log.verify()).isEqualTo(AuditVerification.ok(10));
        }
        try (SqliteAuditLog log = open("mixed", ticking())) {
            assertThat(log.startupCheck().consistent()).isTrue();
            log.appendAll(records(2));
            assertThat(log.verify()).isEqualTo(AuditVerification.ok(12));
        }
    }

    @Test
    void theAnchorCoversTheBatchSoACutTailIsSeen() throws Exception {
        try (SqliteAuditLog log = open("anchored", ticking())) {
            log.appendAll(records(6));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("anchored/audit.db"));
                Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM audit WHERE seq > 4");
        }
        try (SqliteAuditLog log = open("anchored", ticking())) {
            assertThat(log.startupCheck().consistent()).isFalse();
        }
    }

    @Test
    void aBatchThatFailsPartWayKeepsNoneOfItsEntries() throws Exception {
        try (SqliteAuditLog log = open("failing", ticking())) {
            log.appendAll(records(2));
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("failing/audit.db"));
                    Statement s = c.createStatement()) {
                // The third record of the batch below is refused by the database after two were inserted.
                s.executeUpdate("CREATE TRIGGER refuse BEFORE INSERT ON audit WHEN NEW.subject = 'HighCpu3' "
                        + "BEGIN SELECT RAISE(ABORT, 'refused'); END");
            }
            assertThatThrownBy(() -> log.appendAll(records(4)))
                    .isInstanceOf(AuditException.class)
                    .hasMessageContaining("audit entries 3..6 were not recorded, none of them");
            assertThat(log.query(AuditQuery.latest(10)))
                    .extracting(AuditEntry::sequence)
                    .containsExactly(2L, 1L);
            assertThat(log.verify()).isEqualTo(AuditVerification.ok(2));
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("failing/audit.db"));
                    Statement s = c.createStatement()) {
                s.executeUpdate("DROP TRIGGER refuse");
            }
            log.appendAll(records(4));
            assertThat(log.verify()).isEqualTo(AuditVerification.ok(6));
        }
    }

    @Test
    void anEmptyBatchWritesNothing() {
        try (SqliteAuditLog log = open("empty", ticking())) {
            assertThat(log.appendAll(List.of())).isEmpty();
            assertThat(log.query(AuditQuery.latest(5))).isEmpty();
        }
    }

    @Test
    void aNullRecordIsRefusedAndNothingOfTheBatchIsWritten() {
        try (SqliteAuditLog log = open("null", ticking())) {
            List<AuditRecord> batch = new ArrayList<>(records(2));
            batch.add(null);
            assertThatThrownBy(() -> log.appendAll(batch)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> log.appendAll(Arrays.asList((AuditRecord) null)))
                    .isInstanceOf(NullPointerException.class);
            assertThat(log.query(AuditQuery.latest(5))).isEmpty();
            assertThat(log.verify()).isEqualTo(AuditVerification.ok(0));
        }
    }
}
