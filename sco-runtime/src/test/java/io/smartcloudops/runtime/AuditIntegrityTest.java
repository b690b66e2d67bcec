package io.smartcloudops.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.audit.AuditKind;
import io.smartcloudops.api.audit.AuditQuery;
import io.smartcloudops.api.audit.AuditRecord;
import io.smartcloudops.api.spi.ProviderConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A loop opened on an audit log cut behind its anchor says so: degraded health and a recorded gap (issue #13 item 3). */
class AuditIntegrityTest {
    @TempDir
    Path dir;

    private RuntimeConfig config() {
        return RuntimeConfig.defaults().toBuilder()
                .dataDir(dir.resolve("data"))
                .notifiers(Map.of())
                .audit(ProviderConfig.of(
                        "audit",
                        Map.of(
                                "key_file",
                                dir.resolve("keys/audit.key").toString(),
                                "anchor_file",
                                dir.resolve("anchors/audit.anchor.json").toString())))
                .build();
    }

    @Test
    void aLogBehindItsAnchorDegradesHealthAndRecordsTheGap() throws Exception {
        try (Ops ops = Ops.builder().config(config()).build()) {
            for (int i = 0; i < 6; i++) {
                ops.audit().append(new AuditRecord(AuditKind.SYSTEM, "test", "x", "step", "ok", "", Map.of()));
            }
            assertThat(ops.health().snapshot()).containsEntry(HealthTrackingAuditLog.INTEGRITY, ComponentHealth.OK);
        }
        assertThat(dir.resolve("keys/audit.key"))
                .as("the configured key file is used")
                .exists();
        assertThat(dir.resolve("anchors/audit.anchor.json"))
                .as("the configured anchor is written at close")
                .exists();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/audit.db"));
                Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM audit WHERE seq > 3");
        }

        try (Ops ops = Ops.builder().config(config()).build()) {
            assertThat(ops.health().degraded()).isTrue();
            assertThat(ops.health().snapshot().get(HealthTrackingAuditLog.INTEGRITY))
                    .contains("entries were removed from the end");
            assertThat(ops.audit()
                            .query(AuditQuery.builder().outcome("behind_anchor").build()))
                    .hasSize(1);
        }
    }

    @Test
    void aKeyFileInsideTheDataDirectoryIsRefused() {
        RuntimeConfig inside = config().toBuilder()
                .audit(ProviderConfig.of(
                        "audit",
                        Map.of("key_file", dir.resolve("data/audit.key").toString())))
                .build();
        assertThatThrownBy(() -> Ops.builder().config(inside).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("key_file")
                .hasMessageContaining("inside the data directory");
        assertThat(Files.exists(dir.resolve("data/audit.key"))).isFalse();
    }
}
