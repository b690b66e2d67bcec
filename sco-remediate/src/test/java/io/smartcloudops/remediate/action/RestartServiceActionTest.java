package io.smartcloudops.remediate.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcloudops.api.NonRetriableActionException;
import io.smartcloudops.api.RetriableActionException;
import io.smartcloudops.api.action.ActionMode;
import io.smartcloudops.api.action.ActionOutcome;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.RemediationAction;
import io.smartcloudops.testkit.RemediationActionContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestartServiceActionTest extends RemediationActionContract {
    @TempDir
    Path dir;

    /** A stand-in for systemctl: a real program that appends its arguments to a file. */
    private List<String> fakeSystemctl() throws Exception {
        Path script = dir.resolve("systemctl");
        Files.writeString(
                script, "#!/bin/sh\necho \"$@\" >> \"" + dir.resolve("calls.log") + "\"\n[ \"$2\" != failing ]\n");
        script.toFile().setExecutable(true);
        return List.of(script.toString());
    }

    @Override
    protected RemediationAction action() {
        try {
            return new RestartServiceAction(new ProcessCommandRunner(), fakeSystemctl(), Duration.ofSeconds(10));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected ActionRequest validRequest() {
        return ActionRequest.builder("restart_service", "app")
                .parameter("unit", "nginx")
                .build();
    }

    @Override
    protected String observableState() throws Exception {
        Path log = dir.resolve("calls.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Test
    void executeRunsTheProgramWithTheUnitAsOneArgument() throws Exception {
        var r = action().execute(validRequest(), ActionMode.EXECUTE, Instant.EPOCH);
        assertThat(r.outcome()).isEqualTo(ActionOutcome.SUCCEEDED);
        assertThat(observableState()).isEqualTo("restart nginx\n");
    }

    @Test
    void nonZeroExitIsANonRetriableFailure() {
        ActionRequest failing = ActionRequest.builder("restart_service", "app")
                .parameter("unit", "failing")
                .build();
        assertThatThrownBy(() -> action().execute(failing, ActionMode.EXECUTE, Instant.EPOCH))
                .isInstanceOf(NonRetriableActionException.class)
                .hasMessageContaining("exited 1");
    }

    @Test
    void hangingCommandTimesOutAsRetriable() throws Exception {
        Path slow = dir.resolve("slow");
        Files.writeString(slow, "#!/bin/sh\nexec sleep 30\n");
        slow.toFile().setExecutable(true);
        RestartServiceAction a =
                new RestartServiceAction(new ProcessCommandRunner(), List.of(slow.toString()), Duration.ofMillis(200));
        assertThatThrownBy(() -> a.execute(validRequest(), ActionMode.EXECUTE, Instant.EPOCH))
                .isInstanceOf(RetriableActionException.class);
    }

    @Test
    void unitPatternRejectsShellMetacharacters() {
        assertThat(action().parameters().get(0).accepts("nginx.service")).isTrue();
        assertThat(action().parameters().get(0).accepts("nginx; reboot")).isFalse();
        assertThat(action().parameters().get(0).accepts("-rf")).isFalse();
    }
}
