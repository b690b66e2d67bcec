package io.smartcloudops.remediate.action;

import io.smartcloudops.api.ActionException;
import io.smartcloudops.api.NonRetriableActionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Restarts systemd units with {@code systemctl restart UNIT} (or a configured prefix such as {@code sudo -n systemctl}). */
public final class SystemctlRestarter implements ServiceRestarter {
    private final CommandRunner runner;
    private final List<String> systemctl;
    private final Duration timeout;

    public SystemctlRestarter(CommandRunner runner, List<String> systemctl, Duration timeout) {
        this.runner = runner;
        this.systemctl = List.copyOf(systemctl);
        this.timeout = timeout;
    }

    private List<String> command(String unit) {
        List<String> c = new ArrayList<>(systemctl);
        c.add("restart");
        c.add(unit);
        return c;
    }

    @Override
    public String plan(String unit) {
        return "would run: " + String.join(" ", command(unit));
    }

    @Override
    public String restart(String unit) throws ActionException {
        List<String> c = command(unit);
        CommandRunner.Result r = runner.run(c, timeout);
        if (r.exitCode() != 0) {
            throw new NonRetriableActionException(String.join(" ", c) + " exited " + r.exitCode() + ": " + r.output());
        }
        return "ran: " + String.join(" ", c);
    }
}
