package io.smartcloudops.remediate.policy;

import io.smartcloudops.api.action.ActionGateway;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.alert.AlertState;
import io.smartcloudops.remediate.rules.Remediation;
import io.smartcloudops.remediate.rules.Rule;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns firing alerts into action requests through the gate, using the remediation each rule
 * declares next to its condition.
 *
 * <pre>{@code
 * AlertRemediator r = new AlertRemediator(engine::rules, gate);
 * changedAlerts.forEach(r::onTransition);
 * }</pre>
 */
public final class AlertRemediator {
    private final Supplier<List<Rule>> rules;
    private final ActionGateway gateway;

    public AlertRemediator(Supplier<List<Rule>> rules, ActionGateway gateway) {
        this.rules = rules;
        this.gateway = gateway;
    }

    /** Acts on an alert that started firing; other transitions need nothing. */
    public Optional<ActionResult> onTransition(Alert alert) {
        if (alert.state() != AlertState.FIRING) {
            return Optional.empty();
        }
        return rules.get().stream()
                .filter(r -> r.name().equals(alert.name()))
                .map(Rule::remediation)
                .flatMap(Optional::stream)
                .findFirst()
                .map((Remediation rem) -> gateway.request(rem.requestFor(alert)));
    }
}
