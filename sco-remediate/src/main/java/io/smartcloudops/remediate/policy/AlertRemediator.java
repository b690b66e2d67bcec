package io.smartcloudops.remediate.policy;

import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.alert.AlertState;
import io.smartcloudops.remediate.rules.Remediation;
import io.smartcloudops.remediate.rules.RemediationPolicy;
import io.smartcloudops.remediate.rules.Rule;
import io.smartcloudops.remediate.rules.RuleSet;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns firing alerts into action requests through the gate. The remediation a rule declares next
 * to its condition comes first (for alerts of our own rules); otherwise the first policy whose
 * matchers fit the alert's labels, whatever its source (our rules or Alertmanager).
 *
 * <pre>{@code
 * AlertRemediator r = new AlertRemediator(() -> ruleSet, gate);
 * changedAlerts.forEach(r::onTransition);
 * }</pre>
 */
public final class AlertRemediator {
    private final Supplier<RuleSet> rules;
    private final PolicyGate gate;

    public AlertRemediator(Supplier<RuleSet> rules, PolicyGate gate) {
        this.rules = rules;
        this.gate = gate;
    }

    /** The remediation that applies to an alert, if any. */
    public Optional<Remediation> remediationFor(Alert alert) {
        RuleSet set = rules.get();
        if ("rules".equals(alert.source())) {
            Optional<Remediation> own = set.rules().stream()
                    .filter(r -> r.name().equals(alert.name()))
                    .map(Rule::remediation)
                    .flatMap(Optional::stream)
                    .findFirst();
            if (own.isPresent()) {
                return own;
            }
        }
        return set.policies().stream().filter(p -> p.applies(alert)).map(RemediationPolicy::remediation).findFirst();
    }

    /** Acts on an alert that started firing; other transitions need nothing. */
    public Optional<ActionResult> onTransition(Alert alert) {
        if (alert.state() != AlertState.FIRING) {
            return Optional.empty();
        }
        return remediationFor(alert).map(rem -> gate.request(rem.requestFor(alert), rem.verify().map(v -> v.verificationFor(alert))));
    }

}
