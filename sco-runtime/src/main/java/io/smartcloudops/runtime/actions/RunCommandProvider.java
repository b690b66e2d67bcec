package io.smartcloudops.runtime.actions;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.action.RemediationAction;
import io.smartcloudops.api.spi.ActionProvider;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.remediate.action.ProcessCommandRunner;
import io.smartcloudops.remediate.action.RunCommandAction;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code run_command}: runs only allow-listed commands, without a shell.
 *
 * <pre>{@code
 * actions:
 *   run_command:
 *     destructive: true
 *     allow:
 *       flush_cache: {argv: [/usr/bin/redis-cli, FLUSHALL]}
 *       rotate_logs: {argv: [/usr/sbin/logrotate, -f], max_extra_args: 1, arg_pattern: '/etc/logrotate\.d/[a-z]+'}
 * }</pre>
 */
public final class RunCommandProvider implements ActionProvider {
    @Override
    public String name() {
        return "run_command";
    }

    @Override
    public RemediationAction create(ProviderContext context) {
        ProviderConfig c = context.config();
        c.requireOnly(Set.of("allow", "destructive", "timeout"));
        Map<String, RunCommandAction.Allowed> allow = new LinkedHashMap<>();
        ProviderConfig list = c.section("allow");
        for (String name : list.keys()) {
            ProviderConfig entry = list.section(name);
            entry.requireOnly(Set.of("argv", "max_extra_args", "arg_pattern"));
            List<String> argv = entry.strings("argv");
            String where = "setting '" + c.path() + ".allow." + name;
            if (argv.isEmpty() || !argv.get(0).startsWith("/")) {
                throw new ConfigException(where + ".argv' must start with an absolute program path");
            }
            Pattern pattern;
            try {
                pattern = Pattern.compile(entry.string("arg_pattern", "[A-Za-z0-9._/-]{1,64}"));
            } catch (PatternSyntaxException e) {
                throw new ConfigException(where + ".arg_pattern' is not a regex: " + e.getDescription(), e);
            }
            allow.put(name, new RunCommandAction.Allowed(argv, entry.integer("max_extra_args", 0), pattern));
        }
        try {
            return new RunCommandAction(
                    allow,
                    new ProcessCommandRunner(),
                    c.duration("timeout", Duration.ofSeconds(60)),
                    c.bool("destructive", true));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("setting '" + c.path() + "': " + e.getMessage(), e);
        }
    }
}
