package io.smartcloudops.runtime.actions;

import io.smartcloudops.api.action.RemediationAction;
import io.smartcloudops.api.spi.ActionProvider;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.remediate.action.HealthCheckAction;
import java.time.Duration;
import java.util.Set;

/** {@code health_check}: probes an HTTP URL or a TCP port; setting {@code timeout} (default 5s). */
public final class HealthCheckProvider implements ActionProvider {
    @Override
    public String name() {
        return "health_check";
    }

    @Override
    public RemediationAction create(ProviderContext context) {
        context.config().requireOnly(Set.of("timeout"));
        return new HealthCheckAction(context.config().duration("timeout", Duration.ofSeconds(5)));
    }
}
