package io.smartcloudops.remediate.action;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.action.RemediationAction;
import io.smartcloudops.api.spi.ActionProvider;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.api.spi.ProviderContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code local_scale_up}: the demo's {@code scale_up}. Settings:
 * {@code services: {worker: {argv: [/usr/bin/python3, worker.py], max_replicas: 4}}}; replica
 * logs go to {@code <data-dir>/replicas/}.
 */
public final class LocalScaleUpProvider implements ActionProvider {
    @Override
    public String name() {
        return "local_scale_up";
    }

    @Override
    public RemediationAction create(ProviderContext context) {
        ProviderConfig c = context.config();
        c.requireOnly(Set.of("services"));
        Path logs = context.dataDir().resolve("replicas");
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new ConfigException("cannot create " + logs + ": " + e.getMessage(), e);
        }
        Map<String, LocalScaleUpAction.Service> services = new LinkedHashMap<>();
        ProviderConfig list = c.section("services");
        for (String name : list.keys()) {
            ProviderConfig s = list.section(name);
            s.requireOnly(Set.of("argv", "max_replicas"));
            List<String> argv = s.strings("argv");
            if (argv.isEmpty()) {
                throw new ConfigException("setting 'services." + name + ".argv' needs the command to run");
            }
            services.put(name, new LocalScaleUpAction.Service(argv, s.integer("max_replicas", 3), logs));
        }
        return new LocalScaleUpAction(services);
    }
}
