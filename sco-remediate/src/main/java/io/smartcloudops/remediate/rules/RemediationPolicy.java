package io.smartcloudops.remediate.rules;

import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.remediate.match.Matcher;
import java.util.List;
import java.util.Objects;

/**
 * Binds alerts from any source (our rules, or Prometheus through Alertmanager) to a remediation by
 * label matchers, the way an Alertmanager route binds alerts to a receiver.
 */
public record RemediationPolicy(String name, List<Matcher> match, Remediation remediation) {
    public RemediationPolicy {
        Objects.requireNonNull(name, "name");
        match = List.copyOf(match);
        Objects.requireNonNull(remediation, "remediation");
    }

    public boolean applies(Alert alert) {
        return match.stream().allMatch(m -> m.matches(alert.labels()));
    }
}
