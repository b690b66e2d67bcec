package io.smartcloudops.remediate.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcloudops.api.NonRetriableActionException;
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
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandActionTest extends RemediationActionContract {
    @TempDir
    Path dir;

    @Override
    protected RemediationAction action() {
        return new RunCommandAction(
                Map.of(
                        "touch_marker",
                                new RunCommandAction.Allowed(
                                        List.of("touch", dir.resolve("marker").toString()), 0, Pattern.compile("x")),
                        "say", new RunCommandAction.Allowed(List.of("echo"), 2, Pattern.compile("[a-z]{1,10}")),
                        "fail", new RunCommandAction.Allowed(List.of("false"), 0, Pattern.compile("x"))),
                new ProcessCommandRunner(),
                Duration.ofSeconds(10),
                true);
    }

    @Override
    protected ActionRequest validRequest() {
        return ActionRequest.builder("run_command", "local")
                .parameter("command", "touch_marker")
                .build();
    }

    @Override
    protected String observableState() {
        return "marker=" + Files.exists(dir.resolve("marker"));
    }

    private ActionRequest cmd(String name, String args) {
        ActionRequest.Builder b = ActionRequest.builder("run_command", "local").parameter("command", name);
        if (args != null) {
            b.parameter("args", args);
        }
        return b.build();
    }

    @Test
    void runsAnAllowedCommandWithValidatedArguments() throws Exception {
        var r = action().execute(cmd("say", "hello world"), ActionMode.EXECUTE, Instant.EPOCH);
        assertThat(r.outcome()).isEqualTo(ActionOutcome.SUCCEEDED);
        assertThat(r.message()).endsWith("→ hello world");
        assertThat(action().execute(validRequest(), ActionMode.EXECUTE, Instant.EPOCH)
                        .outcome())
                .isEqualTo(ActionOutcome.SUCCEEDED);
        assertThat(observableState()).isEqualTo("marker=true");
    }

    @Test
    void refusesUnlistedCommandsAndBadArguments() {
        assertThatThrownBy(() -> action().execute(cmd("rm", null), ActionMode.EXECUTE, Instant.EPOCH))
                .isInstanceOf(NonRetriableActionException.class)
                .hasMessageContaining("not on the allow-list");
        assertThatThrownBy(() -> action().execute(cmd("say", "$(reboot)"), ActionMode.EXECUTE, Instant.EPOCH))
                .isInstanceOf(NonRetriableActionException.class)
                .hasMessageContaining("does not match");
        assertThatThrownBy(() -> action().execute(cmd("say", "a b c"), ActionMode.EXECUTE, Instant.EPOCH))
                .hasMessageContaining("at most 2");
        assertThatThrownBy(() -> action().execute(cmd("touch_marker", "extra"), ActionMode.EXECUTE, Instant.EPOCH))
                .hasMessageContaining("at most 0");
    }

    @Test
    void shellMetacharactersAreNeverInterpreted() throws Exception {
        RunCommandAction echo = new RunCommandAction(
                Map.of("say", new RunCommandAction.Allowed(List.of("echo"), 1, Pattern.compile(".+"))),
                new ProcessCommandRunner(),
                Duration.ofSeconds(10),
                false);
        var r = echo.execute(cmd("say", ";touch${IFS}" + dir.resolve("pwned")), ActionMode.EXECUTE, Instant.EPOCH);
        assertThat(r.message()).contains(";touch${IFS}");
        assertThat(dir.resolve("pwned")).doesNotExist();
    }

    @Test
    void nonZeroExitIsAFailedOutcome() throws Exception {
        assertThat(action().execute(cmd("fail", null), ActionMode.EXECUTE, Instant.EPOCH)
                        .outcome())
                .isEqualTo(ActionOutcome.FAILED);
    }

    @Test
    void isDestructiveByDefaultSoTheGateAsksForApproval() {
        assertThat(action().destructive()).isTrue();
    }
}
