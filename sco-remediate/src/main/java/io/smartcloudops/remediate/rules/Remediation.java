package io.smartcloudops.remediate.rules;

import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.Principal;
import io.smartcloudops.api.alert.Alert;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What to do when an alert fires: an action, its target and parameters, and optionally how to
 * verify it worked. Target and parameter values are templates over the alert's labels
 * ({@code {{ $labels.service }}}).
 */
public record Remediation(String action, String target, Map<String, String> parameters, Optional<VerifySpec> verify) {
    public Remediation {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        parameters = Map.copyOf(parameters);
        Objects.requireNonNull(verify, "verify");
    }

    public Remediation(String action, String target, Map<String, String> parameters) {
        this(action, target, parameters, Optional.empty());
    }

    /**
     * The request for one firing alert. Its idempotency key is the alert's fingerprint and firing
     * time, so a re-delivered alert never acts twice, while the same alert firing again later does.
     */
    public ActionRequest requestFor(Alert alert) {
        ActionRequest.Builder b = ActionRequest.builder(action, Template.render(target, alert.labels(), alert.value()))
                .reason("alert " + alert.name() + " " + alert.labels())
                .requestedBy(Principal.system())
                .idempotencyKey(
                        alert.fingerprint() + "@" + (alert.firedAt() == null ? alert.activeSince() : alert.firedAt()));
        parameters.forEach((k, v) -> b.parameter(k, Template.render(v, alert.labels(), alert.value())));
        return b.build();
    }
}
