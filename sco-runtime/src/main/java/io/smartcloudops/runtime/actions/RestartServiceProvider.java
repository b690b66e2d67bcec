package io.smartcloudops.runtime.actions;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.action.RemediationAction;
import io.smartcloudops.api.spi.ActionProvider;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.remediate.action.ProcessCommandRunner;
import io.smartcloudops.remediate.action.ProcessRestarter;
import io.smartcloudops.remediate.action.RestartServiceAction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code restart_service}: restarts a unit through systemd (the default; setting {@code systemctl},
 * e.g. {@code [sudo, -n, systemctl]}) or, with {@code executor: process}, a process the agent
 * started itself ({@code units: {app: {argv: [...], pid_file: /run/app.pid, stop_timeout: 10s}}}).
 * Setting {@code timeout} (default 60s) bounds one restart.
 */
public final class RestartServiceProvider implements ActionProvider {
    @Override
    public String name() {
        return "restart_service";
    }

    @Override
    public RemediationAction create(ProviderContext context) {
        ProviderConfig c = context.config();
        c.requireOnly(Set.of("timeout", "executor", "units", "systemctl"));
        String executor = c.string("executor", "systemd");
        if (executor.equals("systemd")) {
            List<String> systemctl = c.has("systemctl") ? c.strings("systemctl") : List.of("systemctl");
            if (systemctl.isEmpty()) {
                throw new ConfigException(
                        "setting '" + c.path() + ".systemctl' needs the command, e.g. [sudo, -n, systemctl]");
            }
            return new RestartServiceAction(
                    new ProcessCommandRunner(), systemctl, c.duration("timeout", Duration.ofSeconds(60)));
        }
        if (!executor.equals("process")) {
            throw new ConfigException(
                    "setting '" + c.path() + ".executor' must be systemd or process, got '" + executor + "'");
        }
        Path dataDir = context.dataDir();
        Map<String, ProcessRestarter.Unit> units = new LinkedHashMap<>();
        ProviderConfig list = c.section("units");
        for (String name : list.keys()) {
            ProviderConfig u = list.section(name);
            u.requireOnly(Set.of("argv", "pid_file", "stop_timeout"));
            List<String> argv = u.strings("argv");
            if (argv.isEmpty()) {
                throw new ConfigException(
                        "setting '" + c.path() + ".units." + name + ".argv' needs the command to run");
            }
            units.put(
                    name,
                    new ProcessRestarter.Unit(
                            argv,
                            Path.of(u.string(
                                    "pid_file",
                                    dataDir.resolve("units")
                                            .resolve(name + ".pid")
                                            .toString())),
                            u.duration("stop_timeout", Duration.ofSeconds(10))));
        }
        return new RestartServiceAction(new ProcessRestarter(units, dataDir.resolve("units")));
    }
}
