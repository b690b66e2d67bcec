package io.smartcloudops.remediate.policy;

import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.ParameterSpec;
import io.smartcloudops.api.action.RemediationAction;

/** Validates a request's parameters against the action's declared specs. */
final class ParameterCheck {
    private ParameterCheck() {}

    /** Null when valid, else what is wrong. */
    static String problem(RemediationAction action, ActionRequest request) {
        for (ParameterSpec spec : action.parameters()) {
            String v = request.parameters().get(spec.name());
            if (v == null) {
                if (spec.required()) {
                    return "missing parameter '" + spec.name() + "' (" + spec.description() + ")";
                }
            } else if (!spec.accepts(v)) {
                return "parameter '" + spec.name() + "' = '" + v + "' does not match "
                        + spec.pattern().pattern();
            }
        }
        for (String given : request.parameters().keySet()) {
            if (action.parameters().stream().noneMatch(s -> s.name().equals(given))) {
                return "unknown parameter '" + given + "' for " + action.name() + "; known: "
                        + action.parameters().stream().map(ParameterSpec::name).toList();
            }
        }
        return null;
    }
}
