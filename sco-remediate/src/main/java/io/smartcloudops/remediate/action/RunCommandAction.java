package io.smartcloudops.remediate.action;

import io.smartcloudops.api.ActionException;
import io.smartcloudops.api.NonRetriableActionException;
import io.smartcloudops.api.action.ActionMode;
import io.smartcloudops.api.action.ActionOutcome;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.action.ParameterSpec;
import io.smartcloudops.api.action.RemediationAction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * {@code run_command}: runs one of the commands on an allow-list, by name, never through a shell.
 * Each entry fixes the program and its leading arguments; a request may add arguments only where
 * the entry allows, each matching the entry's pattern. Destructive (needs an approval) unless
 * configured otherwise, since a command can do anything its program can.
 */
public final class RunCommandAction implements RemediationAction {
    public static final String NAME = "run_command";
    private static final Pattern NAME_PATTERN = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    /**
     * One allowed command.
     *
     * @param argv the program and fixed arguments
     * @param maxExtraArgs how many arguments a request may add (0: none)
     * @param argPattern what each added argument must match
     */
    public record Allowed(List<String> argv, int maxExtraArgs, Pattern argPattern) {
        public Allowed {
            argv = List.copyOf(argv);
            if (argv.isEmpty()) {
                throw new IllegalArgumentException("an allowed command needs a program");
            }
            Objects.requireNonNull(argPattern, "argPattern");
        }
    }

    private final Map<String, Allowed> allowList;
    private final CommandRunner runner;
    private final Duration timeout;
    private final boolean destructive;

    public RunCommandAction(
            Map<String, Allowed> allowList, CommandRunner runner, Duration timeout, boolean destructive) {
        allowList.keySet().forEach(k -> {
            if (!NAME_PATTERN.matcher(k).matches()) {
                throw new IllegalArgumentException(
                        "allowed command name '" + k + "' must match " + NAME_PATTERN.pattern());
            }
        });
        this.allowList = Map.copyOf(allowList);
        this.runner = runner;
        this.timeout = timeout;
        this.destructive = destructive;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "run an allow-listed command: "
                + allowList.keySet().stream().sorted().toList();
    }

    @Override
    public boolean destructive() {
        return destructive;
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(
                ParameterSpec.required("command", NAME_PATTERN.pattern(), "name of an allowed command"),
                ParameterSpec.optional(
                        "args", "[\\x21-\\x7e]+( [\\x21-\\x7e]+){0,15}", "extra arguments, space-separated"));
    }

    @Override
    public ActionResult execute(ActionRequest request, ActionMode mode, Instant now) throws ActionException {
        String name = request.parameters().get("command");
        Allowed allowed = allowList.get(name);
        if (allowed == null) {
            throw new NonRetriableActionException("command '" + name + "' is not on the allow-list "
                    + allowList.keySet().stream().sorted().toList());
        }
        List<String> extra = request.parameters().containsKey("args")
                ? List.of(request.parameters().get("args").split(" "))
                : List.of();
        if (extra.size() > allowed.maxExtraArgs()) {
            throw new NonRetriableActionException("command '" + name + "' takes at most " + allowed.maxExtraArgs()
                    + " extra arguments, got " + extra.size());
        }
        for (String a : extra) {
            if (!allowed.argPattern().matcher(a).matches()) {
                throw new NonRetriableActionException("argument '" + a + "' of '" + name + "' does not match "
                        + allowed.argPattern().pattern());
            }
        }
        List<String> argv = new ArrayList<>(allowed.argv());
        argv.addAll(extra);
        if (mode == ActionMode.DRY_RUN) {
            return ActionResult.of(
                    request, ActionOutcome.DRY_RUN, "would run: " + String.join(" ", argv), now, Duration.ZERO);
        }
        long started = System.nanoTime();
        CommandRunner.Result r = runner.run(argv, timeout);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (r.exitCode() != 0) {
            return ActionResult.of(
                    request,
                    ActionOutcome.FAILED,
                    String.join(" ", argv) + " exited " + r.exitCode() + ": " + r.output(),
                    now,
                    took);
        }
        return ActionResult.of(
                request,
                ActionOutcome.SUCCEEDED,
                "ran: " + String.join(" ", argv) + (r.output().isEmpty() ? "" : " → " + r.output()),
                now,
                took);
    }
}
