package io.smartcloudops.runtime;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.action.RemediationAction;
import io.smartcloudops.api.spi.ActionProvider;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.api.spi.ProviderRegistry;
import io.smartcloudops.remediate.action.CommandRunner;
import io.smartcloudops.remediate.action.HealthCheckAction;
import io.smartcloudops.remediate.action.ProcessCommandRunner;
import io.smartcloudops.remediate.action.RestartServiceAction;
import io.smartcloudops.remediate.action.RunCommandAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The actions the agent's policy gate can run: the built-in {@code restart_service},
 * {@code health_check} and {@code run_command}, configured under {@code actions:} by those names,
 * and any other key there names an {@link ActionProvider} plugin (for example the AWS ones).
 *
 * <pre>{@code
 * actions:
 *   restart_service: {timeout: 60s}
 *   run_command:
 *     destructive: true
 *     allow:
 *       flush_cache: {argv: [/usr/bin/redis-cli, FLUSHALL]}
 *       rotate_logs: {argv: [/usr/sbin/logrotate, -f], max_extra_args: 1, arg_pattern: '/etc/logrotate\\.d/[a-z]+'}
 * }</pre>
 */
final class ActionCatalog {
    private ActionCatalog() {
    }

    static List<RemediationAction> build(RuntimeConfig config, ProviderRegistry registry, ProviderContext base,
            io.smartcloudops.remediate.alerting.Silences silences) {
        CommandRunner runner = new ProcessCommandRunner();
        Map<String, ProviderConfig> settings = config.actions();
        List<RemediationAction> out = new ArrayList<>();
        RemediationAction restart = restartService(settings.getOrDefault("restart_service",
                ProviderConfig.of("actions.restart_service", Map.of())), config, runner, base.dataDir());
        out.add(restart);
        ProviderConfig health = settings.getOrDefault("health_check", ProviderConfig.of("actions.health_check", Map.of()));
        health.requireOnly(Set.of("timeout"));
        out.add(new HealthCheckAction(health.duration("timeout", Duration.ofSeconds(5))));
        out.add(runCommand(settings.getOrDefault("run_command", ProviderConfig.of("actions.run_command", Map.of())), runner));
        out.add(new io.smartcloudops.remediate.alerting.SilenceAlertAction(silences));
        for (Map.Entry<String, ProviderConfig> e : settings.entrySet()) {
            if (Set.of("restart_service", "health_check", "run_command", "silence_alert").contains(e.getKey())) {
                continue;
            }
            out.add(registry.provider(ActionProvider.class, e.getKey()).create(base.withConfig(e.getValue())));
        }
        return out;
    }

    /** Releases what actions hold (the demo scaler's replicas, for one); a failure is logged, not fatal. */
    static void close(java.util.Collection<RemediationAction> actions) {
        for (RemediationAction a : actions) {
            if (a instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    org.slf4j.LoggerFactory.getLogger(ActionCatalog.class).warn("closing action {} failed: {}", a.name(), e.getMessage());
                }
            }
        }
    }

    /**
     * {@code executor: systemd} (default) or {@code executor: process} with
     * {@code units: {app: {argv: [...], pid_file: /run/app.pid, stop_timeout: 10s}}}.
     */
    private static RestartServiceAction restartService(ProviderConfig c, RuntimeConfig config, CommandRunner runner, java.nio.file.Path dataDir) {
        c.requireOnly(Set.of("timeout", "executor", "units"));
        String executor = c.string("executor", "systemd");
        if (executor.equals("systemd")) {
            return new RestartServiceAction(runner, config.systemctl(), c.duration("timeout", Duration.ofSeconds(60)));
        }
        if (!executor.equals("process")) {
            throw new ConfigException("setting 'actions.restart_service.executor' must be systemd or process, got '" + executor + "'");
        }
        Map<String, io.smartcloudops.remediate.action.ProcessRestarter.Unit> units = new LinkedHashMap<>();
        ProviderConfig list = c.section("units");
        for (String name : list.keys()) {
            ProviderConfig u = list.section(name);
            u.requireOnly(Set.of("argv", "pid_file", "stop_timeout"));
            List<String> argv = u.strings("argv");
            if (argv.isEmpty()) {
                throw new ConfigException("setting 'actions.restart_service.units." + name + ".argv' needs the command to run");
            }
            units.put(name, new io.smartcloudops.remediate.action.ProcessRestarter.Unit(argv,
                    java.nio.file.Path.of(u.string("pid_file", dataDir.resolve("units").resolve(name + ".pid").toString())),
                    u.duration("stop_timeout", Duration.ofSeconds(10))));
        }
        return new RestartServiceAction(new io.smartcloudops.remediate.action.ProcessRestarter(units, dataDir.resolve("units")));
    }

    private static RunCommandAction runCommand(ProviderConfig c, CommandRunner runner) {
        c.requireOnly(Set.of("allow", "destructive", "timeout"));
        Map<String, RunCommandAction.Allowed> allow = new LinkedHashMap<>();
        ProviderConfig list = c.section("allow");
        for (String name : list.keys()) {
            ProviderConfig entry = list.section(name);
            entry.requireOnly(Set.of("argv", "max_extra_args", "arg_pattern"));
            List<String> argv = entry.strings("argv");
            if (argv.isEmpty() || !argv.get(0).startsWith("/")) {
                throw new ConfigException("setting 'actions.run_command.allow." + name + ".argv' must start with an absolute program path");
            }
            Pattern pattern;
            try {
                pattern = Pattern.compile(entry.string("arg_pattern", "[A-Za-z0-9._/-]{1,64}"));
            } catch (PatternSyntaxException e) {
                throw new ConfigException("setting 'actions.run_command.allow." + name + ".arg_pattern' is not a regex: " + e.getDescription(), e);
            }
            allow.put(name, new RunCommandAction.Allowed(argv, entry.integer("max_extra_args", 0), pattern));
        }
        try {
            return new RunCommandAction(allow, runner, c.duration("timeout", Duration.ofSeconds(60)), c.bool("destructive", true));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("setting 'actions.run_command': " + e.getMessage(), e);
        }
    }
}
