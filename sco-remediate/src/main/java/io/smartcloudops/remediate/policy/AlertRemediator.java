package io.smartcloudops.remediate.policy;

import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.action.Verification;
import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.alert.AlertState;
import io.smartcloudops.remediate.rules.Remediation;
import io.smartcloudops.remediate.rules.RemediationPolicy;
import io.smartcloudops.remediate.rules.Rule;
import io.smartcloudops.remediate.rules.RuleSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns firing alerts into action requests through the gate. The remediation a rule declares next
 * to its condition comes first (for alerts of our own rules); otherwise the first policy whose
 * matchers fit the alert's labels, whatever its source (our rules or Alertmanager).
 *
 * <p>An action's target and a verification's URL or address that a policy takes from the labels
 * of an alert posted to the webhook ({@code {{ $labels.host }}}) must name a {@link KnownHosts known host}; otherwise the
 * request is refused (and audited as such) before anything connects anywhere. What a policy
 * writes out literally is the operator's choice and is not checked.
 *
 * <pre>{@code
 * AlertRemediator r = new AlertRemediator(() -> ruleSet, gate, KnownHosts.of(List.of("app", "monitor")));
 * changedAlerts.forEach(r::onTransition);
 * }</pre>
 */
public final class AlertRemediator {
    private static final List<String> HOST_PARAMETERS = List.of("url", "address");

    private final Supplier<RuleSet> rules;
    private final PolicyGate gate;
    private final KnownHosts hosts;

    public AlertRemediator(Supplier<RuleSet> rules, PolicyGate gate, KnownHosts hosts) {
        this.rules = rules;
        this.gate = gate;
        this.hosts = hosts;
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
        return set.policies().stream()
                .filter(p -> p.applies(alert))
                .map(RemediationPolicy::remediation)
                .findFirst();
    }

    /** Acts on an alert that started firing; other transitions need nothing. */
    public Optional<ActionResult> onTransition(Alert alert) {
        if (alert.state() != AlertState.FIRING) {
            return Optional.empty();
        }
        return remediationFor(alert).map(rem -> {
            ActionRequest request = rem.requestFor(alert);
            Optional<Verification> verification = rem.verify().map(v -> v.verificationFor(alert));
            // our own rules' alerts carry the labels of series this agent scraped; a webhook's are whatever was posted
            boolean posted = !"rules".equals(alert.source());
            String unknown = posted ? unknownHost(rem.target(), rem.parameters(), request) : null;
            if (posted && unknown == null && verification.isPresent()) {
                unknown = unknownHost(
                        rem.verify().get().target(),
                        rem.verify().get().parameters(),
                        verification.get().check());
            }
            if (unknown != null) {
                return gate.refuse(
                        request,
                        unknown + ", which the alert's labels chose and is no known host (known: " + hosts
                                + "); add it to remediation.known_hosts if the agent may act on it");
            }
            return gate.request(request, verification);
        });
    }

    /** What a label-derived target, URL or address names that is not known; null when all are known. */
    private String unknownHost(String targetTemplate, Map<String, String> parameterTemplates, ActionRequest rendered) {
        if (fromLabels(targetTemplate) && !hosts.knows(rendered.target())) {
            return "target '" + rendered.target() + "'";
        }
        for (String p : HOST_PARAMETERS) {
            String template = parameterTemplates.get(p);
            String value = rendered.parameters().get(p);
            if (template != null && value != null && fromLabels(template)) {
                String host = KnownHosts.hostOf(value);
                if (!hosts.knows(host)) {
                    return p + " '" + value + "' (host '" + host + "')";
                }
            }
        }
        return null;
    }

    private static boolean fromLabels(String template) {
        return template.contains("{{");
    }
}
