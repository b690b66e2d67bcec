package io.smartcloudops.runtime.actions;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.action.RemediationAction;
import io.smartcloudops.api.spi.ActionProvider;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.remediate.alerting.SilenceAlertAction;
import io.smartcloudops.remediate.alerting.Silences;
import java.util.Set;

/** {@code silence_alert}: silences alerts in the host's own router; the host shares its {@link Silences}. */
public final class SilenceAlertProvider implements ActionProvider {
    @Override
    public String name() {
        return "silence_alert";
    }

    @Override
    public RemediationAction create(ProviderContext context) {
        context.config().requireOnly(Set.of());
        Silences silences = context.service(Silences.class)
                .orElseThrow(
                        () -> new ConfigException(
                                "silence_alert needs the host's alert silences; this host shares none (it runs inside an Ops loop)"));
        return new SilenceAlertAction(silences);
    }
}
