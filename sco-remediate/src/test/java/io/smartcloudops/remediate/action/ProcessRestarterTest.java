package io.smartcloudops.remediate.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcloudops.api.NonRetriableActionException;
import io.smartcloudops.api.action.ActionMode;
import io.smartcloudops.api.action.ActionOutcome;
import io.smartcloudops.api.action.ActionRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code restart_service} with the process executor, on real child processes. */
class ProcessRestarterTest {
    @TempDir
    Path dir;

    private Path pidFile() {
        return dir.resolve("app.pid");
    }

    private long pid() throws Exception {
        return Long.parseLong(Files.readString(pidFile()).trim());
    }

    @AfterEach
    void killLeftovers() throws Exception {
        if (Files.exists(pidFile())) {
            ProcessHandle.of(pid()).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private RestartServiceAction action() {
        return new RestartServiceAction(new ProcessRestarter(
                Map.of("app", new ProcessRestarter.Unit(List.of("sleep", "300"), pidFile(), Duration.ofSeconds(5))),
                dir.resolve("logs")));
    }

    private ActionRequest restart(String unit) {
        return ActionRequest.builder("restart_service", "local")
                .parameter("unit", unit)
                .build();
    }

    @Test
    void startsAStoppedUnitThenRestartsItReplacingTheProcess() throws Exception {
        var first = action().execute(restart("app"), ActionMode.EXECUTE, Instant.EPOCH);
        assertThat(first.outcome()).isEqualTo(ActionOutcome.SUCCEEDED);
        long before = pid();
        assertThat(ProcessHandle.of(before))
                .hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());

        assertThat(action().execute(restart("app"), ActionMode.DRY_RUN, Instant.EPOCH)
                        .message())
                .isEqualTo("would stop pid " + before + " and start: sleep 300");
        assertThat(pid()).as("dry run changes nothing").isEqualTo(before);

        var second = action().execute(restart("app"), ActionMode.EXECUTE, Instant.EPOCH);
        assertThat(second.message()).startsWith("stopped pid " + before + ", started pid ");
        assertThat(pid()).isNotEqualTo(before);
        assertThat(ProcessHandle.of(before).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();
    }

    @Test
    void unknownUnitIsRefused() {
        assertThatThrownBy(() -> action().execute(restart("db"), ActionMode.EXECUTE, Instant.EPOCH))
                .isInstanceOf(NonRetriableActionException.class)
                .hasMessageContaining("[app]");
    }
}
