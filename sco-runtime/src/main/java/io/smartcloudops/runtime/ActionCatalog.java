package io.smartcloudops.runtime;

import io.smartcloudops.api.action.RemediationAction;
import io.smartcloudops.api.spi.ActionProvider;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.api.spi.ProviderRegistry;
import io.smartcloudops.remediate.alerting.Silences;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The actions the loop's policy gate can run: every {@link ActionProvider} named under
 * {@code actions:} with its settings, and the built-in ones ({@code restart_service},
 * {@code health_check}, {@code run_command}, {@code silence_alert}, providers of sco-runtime)
 * with their defaults when the configuration does not name them.
 */
final class ActionCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(ActionCatalog.class);
    static final List<String> BUILT_IN = List.of("restart_service", "health_check", "run_command", "silence_alert");

    private ActionCatalog() {}

    static List<RemediationAction> build(
            RuntimeConfig config, ProviderRegistry registry, ProviderContext base, Silences silences) {
        Map<String, ProviderConfig> settings = new LinkedHashMap<>();
        for (String name : BUILT_IN) {
            if (registry.names(ActionProvider.class).contains(name)) {
                settings.put(name, ProviderConfig.of("actions." + name, Map.of()));
            } else if (!config.actions().containsKey(name)) {
                LOG.debug("no {} provider in this registry; the gate runs without it", name);
            }
        }
        settings.putAll(config.actions());
        // remediation.systemctl is where a host says how it runs systemctl; restart_service's own setting wins
        ProviderConfig restart = settings.get("restart_service");
        if (restart != null && !restart.has("systemctl")) {
            Map<String, Object> withSystemctl = new LinkedHashMap<>(restart.asMap());
            withSystemctl.put("systemctl", config.systemctl());
            settings.put("restart_service", ProviderConfig.of("actions.restart_service", withSystemctl));
        }
        ProviderContext shared = ProviderContext.builder()
                .clock(base.clock())
                .dataDir(base.dataDir())
                .service(Silences.class, silences)
                .build();
        List<RemediationAction> out = new ArrayList<>();
        settings.forEach((name, s) ->
                out.add(registry.provider(ActionProvider.class, name).create(shared.withConfig(s))));
        return out;
    }

    /** Releases what actions hold (the demo scaler's replicas, for one); a failure is logged, not fatal. */
    static void close(Collection<RemediationAction> actions) {
        for (RemediationAction a : actions) {
            if (a instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.warn("closing action {} failed: {}", a.name(), e.getMessage());
                }
            }
        }
    }
}
