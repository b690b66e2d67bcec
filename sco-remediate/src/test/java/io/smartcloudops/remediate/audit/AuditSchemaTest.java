package io.smartcloudops.remediate.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcloudops.api.audit.AuditException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditSchemaTest {
    @TempDir
    Path dir;

    private Connection connect() throws Exception {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("audit.db"));
    }

    @Test
    void aNewFileIsStampedWithTheCurrentFormatAndNoLegacyEntries() throws Exception {
        try (Connection c = connect()) {
            AuditSchema.prepare(c);
            assertThat(AuditSchema.stampFormat(c, 0)).isFalse();
            assertThat(AuditSchema.legacyUpTo(c)).isZero();
            // stamped once: opening it again is not an upgrade, even with entries in it
            assertThat(AuditSchema.stampFormat(c, 7)).isFalse();
            assertThat(AuditSchema.legacyUpTo(c)).isZero();
        }
    }

    @Test
    void aLogOfANewerFormatIsRefusedAndTheErrorSaysToUseANewerRelease() throws Exception {
        SqliteAuditLog.options(dir.resolve("audit.db"))
                .keyFile(dir.resolve("audit.key"))
                .anchors(List.of())
                .open()
                .close();
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE meta SET v = '3' WHERE k = 'format'");
        }
        assertThatThrownBy(() -> SqliteAuditLog.options(dir.resolve("audit.db"))
                        .keyFile(dir.resolve("audit.key"))
                        .anchors(List.of())
                        .open())
                .isInstanceOf(AuditException.class)
                .hasMessageContaining("audit log format 3 is newer than this version reads (2)")
                .hasMessageContaining("use a newer release");
    }
}
