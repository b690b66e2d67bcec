package io.smartcloudops.remediate.rules;

import java.util.List;

/** What one rule file holds: alerting rules and remediation policies. */
public record RuleSet(List<Rule> rules, List<RemediationPolicy> policies) {
    public RuleSet {
        rules = List.copyOf(rules);
        policies = List.copyOf(policies);
    }

    public static RuleSet empty() {
        return new RuleSet(List.of(), List.of());
    }
}
