package io.smartcloudops.remediate.action;

import io.smartcloudops.api.ActionException;
import java.time.Duration;
import java.util.List;

/**
 * Runs a program with arguments, never through a shell, within a time limit.
 *
 * <pre>{@code
 * CommandRunner.Result r = runner.run(List.of("systemctl", "restart", "nginx"), Duration.ofSeconds(30));
 * }</pre>
 */
public interface CommandRunner {

    Result run(List<String> command, Duration timeout) throws ActionException;

    /** How a command ended. */
    record Result(int exitCode, String output) {}
}
