package io.smartcloudops.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcloudops.api.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a loop's parts are built from its settings, and what a setting that cannot be built does. */
class LoopPartsTest {
    @TempDir
    Path dir;

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T00:00:00Z"));

    private OpsBuilder loop(Path dataDir) {
        return Ops.builder()
                .dataDir(dataDir)
                .clock(now::get)
                .notifiers(Map.of())
                .checkpointInterval(Duration.ZERO);
    }

    @Test
    void anUnknownDetectorIsAConfigErrorListingTheKnownOnesAndNothingStaysOpen() {
        assertThatThrownBy(() -> loop(dir).detector("no-such-detector").build())
                .isInstanceOf(io.smartcloudops.api.ProviderException.class)
                .hasMessageContaining("no-such-detector")
                .hasMessageContaining("default");
        // the audit log that was opened first was closed again: a second loop opens the same file
        try (Ops ops = loop(dir).build()) {
            assertThat(ops.audit().verify().intact()).isTrue();
        }
    }

    @Test
    void aDataDirectoryThatIsAFileIsAConfigErrorSayingSo() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        assertThatThrownBy(() -> loop(file).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not-a-dir");
    }

    @Test
    void theBuiltInActionsArePluginsWithTheirOwnSettings() {
        try (Ops ops = loop(dir)
                .config(RuntimeConfig.defaults().toBuilder()
                        .dataDir(dir)
                        .actions(Map.of(
                                "health_check",
                                io.smartcloudops.api.spi.ProviderConfig.of(
                                        "actions.health_check", Map.of("timeout", "2s"))))
                        .build())
                .clock(now::get)
                .notifiers(Map.of())
                .build()) {
            assertThat(ops.gate().actions())
                    .extracting(a -> a.name())
                    .contains("restart_service", "health_check", "run_command", "silence_alert");
        }
        assertThatThrownBy(() -> loop(dir)
                        .config(RuntimeConfig.defaults().toBuilder()
                                .dataDir(dir)
                                .actions(Map.of(
                                        "run_command",
                                        io.smartcloudops.api.spi.ProviderConfig.of(
                                                "actions.run_command", Map.of("shell", true))))
                                .build())
                        .build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("shell");
    }
}
