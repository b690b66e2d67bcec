package io.smartcloudops.remediate.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcloudops.api.audit.AuditEntry;
import io.smartcloudops.api.audit.AuditException;
import io.smartcloudops.api.audit.AuditKind;
import io.smartcloudops.api.audit.AuditQuery;
import io.smartcloudops.api.audit.AuditRecord;
import io.smartcloudops.api.audit.AuditVerification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteAuditLogTest {
    @TempDir
    Path dir;

    private Instant now = Instant.parse("2026-11-27T00:00:00Z");
    private final InstantSource clock = () -> now;

    private Path file() {
        return dir.resolve("audit.db");
    }

    private void fill(SqliteAuditLog log, int n) {
        for (int i = 1; i <= n; i++) {
            now = now.plus(Duration.ofSeconds(1));
            log.append(new AuditRecord(
                    AuditKind.ACTION,
                    "system",
                    i % 2 == 0 ? "nginx" : "api",
                    "restart_service",
                    i % 3 == 0 ? "failed" : "dry_run",
                    "alert " + i,
                    Map.of("unit", "u" + i, "attempt", "1")));
        }
    }

    private void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }

    @Test
    void appendsChainedEntriesThatVerify() {
        try (SqliteAuditLog log = SqliteAuditLog.open(file(), clock)) {
            fill(log, 5);
            List<AuditEntry> all = log.query(AuditQuery.latest(10));
            assertThat(all).extracting(AuditEntry::sequence).containsExactly(5L, 4L, 3L, 2L, 1L);
            assertThat(all.get(4).previousHash()).isEqualTo("0".repeat(64));
            assertThat(all.get(3).previousHash()).isEqualTo(all.get(4).hash());
            assertThat(log.verify()).isEqualTo(AuditVerification.ok(5));
        }
    }

    @Test
    void reopenedLogContinuesTheChain() {
        try (SqliteAuditLog log = SqliteAuditLog.open(file(), clock)) {
            fill(log, 3);
        }
        try (SqliteAuditLog log = SqliteAuditLog.open(file(), clock)) {
            fill(log, 2);
            assertThat(log.verify()).isEqualTo(AuditVerification.ok(5));
            assertThat(log.query(AuditQuery.latest(1)).get(0).sequence()).isEqualTo(5);
        }
    }

    @Test
    void queriesByTimeSubjectActionAndOutcome() {
        try (SqliteAuditLog log = SqliteAuditLog.open(file(), clock)) {
            fill(log, 6);
            assertThat(log.query(AuditQuery.builder().subject("nginx").build()))
                    .extracting(AuditEntry::sequence)
                    .containsExactly(6L, 4L, 2L);
            assertThat(log.query(AuditQuery.builder().outcome("failed").build()))
                    .extracting(AuditEntry::sequence)
                    .containsExactly(6L, 3L);
            assertThat(log.query(AuditQuery.builder()
                            .from(Instant.parse("2026-11-27T00:00:03Z"))
                            .to(Instant.parse("2026-11-27T00:00:04Z"))
                            .build()))
                    .extracting(AuditEntry::sequence)
                    .containsExactly(4L, 3L);
            assertThat(log.query(AuditQuery.builder().action("scale_up").build()))
                    .isEmpty();
            assertThat(log.query(AuditQuery.latest(1)).get(0).record().details())
                    .containsEntry("unit", "u6");
        }
    }

    @Test
    void timeRangeQueriesOrderFractionalAndWholeSecondsCorrectly() {
        try (SqliteAuditLog log = SqliteAuditLog.open(file(), clock)) {
            now = Instant.parse("2026-11-27T00:00:05Z");
            log.append(new AuditRecord(AuditKind.SYSTEM, "t", "a", "x", "ok", "", Map.of()));
            now = Instant.parse("2026-11-27T00:00:05.500Z");
            log.append(new AuditRecord(AuditKind.SYSTEM, "t", "b", "x", "ok", "", Map.of()));
            now = Instant.parse("2026-11-27T00:00:06Z");
            log.append(new AuditRecord(AuditKind.SYSTEM, "t", "c", "x", "ok", "", Map.of()));
            assertThat(log.query(AuditQuery.builder()
                            .from(Instant.parse("2026-11-27T00:00:05.1Z"))
                            .build()))
                    .extracting(e -> e.record().subject())
                    .containsExactly("c", "b");
            assertThat(log.query(AuditQuery.builder()
                            .to(Instant.parse("2026-11-27T00:00:05Z"))
                            .build()))
                    .extracting(e -> e.record().subject())
                    .containsExactly("a");
            assertThat(log.query(AuditQuery.latest(3)).get(1).recordedAt())
                    .isEqualTo(Instant.parse("2026-11-27T00:00:05.500Z"));
            assertThat(log.verify().intact()).isTrue();
        }
    }

    @Test
    void alteredRowIsNamed() throws Exception {
        try (SqliteAuditLog log = SqliteAuditLog.open(file(), clock)) {
            fill(log, 5);
        }
        sql("UPDATE audit SET outcome = 'succeeded' WHERE seq = 3");
        try (SqliteAuditLog log = SqliteAuditLog.open(file(), clock)) {
            AuditVerification v = log.verify();
            assertThat(v.intact()).isFalse();
            assertThat(v.firstBadSequence()).isEqualTo(3);
            assertThat(v.problem()).contains("altered");
        }
    }

    @Test
    void deletedRowIsNamed() throws Exception {
        try (SqliteAuditLog log = SqliteAuditLog.open(file(), clock)) {
            fill(log, 5);
        }
        sql("DELETE FROM audit WHERE seq = 2");
        try (SqliteAuditLog log = SqliteAuditLog.open(file(), clock)) {
            assertThat(log.verify().firstBadSequence()).isEqualTo(2);
            assertThat(log.verify().problem()).contains("missing");
        }
    }

    @Test
    void rowInsertedOutOfChainIsNamed() throws Exception {
        try (SqliteAuditLog log = SqliteAuditLog.open(file(), clock)) {
            fill(log, 3);
        }
        sql(
                "INSERT INTO audit VALUES (4, '2026-11-27T01:00:00Z', 'ACTION', 'mallory', 'db', 'drop', 'succeeded', '', '{}', '"
                        + "f".repeat(64) + "', '" + "a".repeat(64) + "', NULL)");
        try (SqliteAuditLog log = SqliteAuditLog.open(file(), clock)) {
            AuditVerification v = log.verify();
            assertThat(v.firstBadSequence()).isEqualTo(4);
            assertThat(v.problem()).contains("does not chain");
        }
    }

    @Test
    void unwritableDirectoryIsAClearError() {
        // /proc refuses new directories even to root, unlike a chmod-ed folder
        Path unwritable = Path.of("/proc/sco-audit-test/audit.db");
        assertThatThrownBy(() -> SqliteAuditLog.open(unwritable, clock))
                .isInstanceOf(AuditException.class)
                .hasMessageContaining("/proc/sco-audit-test");
    }

    @Test
    void fileInPlaceOfDirectoryIsAClearError() throws Exception {
        Path notADir = Files.writeString(dir.resolve("plain-file"), "x");
        assertThatThrownBy(() -> SqliteAuditLog.open(notADir.resolve("audit.db"), clock))
                .isInstanceOf(AuditException.class)
                .hasMessageContaining("cannot open audit log");
    }
}
