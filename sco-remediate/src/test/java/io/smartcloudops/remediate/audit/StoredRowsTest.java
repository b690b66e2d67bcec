package io.smartcloudops.remediate.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcloudops.api.audit.AuditException;
import io.smartcloudops.api.audit.AuditKind;
import io.smartcloudops.api.audit.AuditRecord;
import io.smartcloudops.api.audit.AuditVerification;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoredRowsTest {
    @TempDir
    Path dataDir;

    @TempDir
    Path secrets; // outside the data directory, as the key must be

    private final InstantSource clock = () -> Instant.parse("2026-11-27T00:00:00.5Z");

    @Test
    void exportedRowsRestoreToALogThatVerifiesAndExportsTheSameRows() {
        Path key = secrets.resolve("audit.key");
        List<String> exported;
        try (SqliteAuditLog log = SqliteAuditLog.options(dataDir.resolve("audit.db"))
                .keyFile(key)
                .anchors(List.of())
                .clock(clock)
                .open()) {
            for (int i = 1; i <= 4; i++) {
                log.append(new AuditRecord(
                        AuditKind.ACTION,
                        "system",
                        "web",
                        "restart_service",
                        "dry_run",
                        "alert " + i,
                        Map.of("n", "" + i)));
            }
            exported = log.exportStored(1, Long.MAX_VALUE);
        }
        Path restored = secrets.resolve("restored.db");

        assertThat(SqliteAuditLog.restore(restored, exported)).isEqualTo(4);

        assertThat(SqliteAuditLog.verifyReadOnly(restored, key, List.of())).isEqualTo(AuditVerification.ok(4));
        try (SqliteAuditLog again = SqliteAuditLog.options(restored)
                .keyFile(key)
                .anchors(List.of())
                .clock(clock)
                .open()) {
            assertThat(again.exportStored(1, Long.MAX_VALUE)).isEqualTo(exported);
        }
    }

    @Test
    void aRestoreRefusesRowsThatAreNotConsecutiveOrNotStoredRows() {
        Path target = secrets.resolve("restored.db");
        assertThatThrownBy(() -> SqliteAuditLog.restore(target, List.of("{\"seq\":2}")))
                .isInstanceOf(AuditException.class)
                .hasMessageContaining("skip from 0 to 2");
        assertThatThrownBy(() -> SqliteAuditLog.restore(target, List.of("[1]")))
                .isInstanceOf(AuditException.class)
                .hasMessageContaining("not a stored audit row");
        assertThatThrownBy(() -> SqliteAuditLog.restore(target, List.of("{\"seq\":1,\"recorded_at\":3}")))
                .isInstanceOf(AuditException.class)
                .hasMessageContaining("no stored recorded_at");
        assertThat(target).doesNotExist();
    }
}
