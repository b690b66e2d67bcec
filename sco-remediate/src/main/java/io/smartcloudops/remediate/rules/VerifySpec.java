package io.smartcloudops.remediate.rules;

import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.Principal;
import io.smartcloudops.api.action.Verification;
import io.smartcloudops.api.alert.Alert;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How to check that a remediation worked: an action (normally {@code health_check}) with templated
 * target and parameters, tried {@code attempts} times {@code interval} apart.
 */
public record VerifySpec(
        String action, String target, Map<String, String> parameters, int attempts, Duration interval) {
    public VerifySpec {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        parameters = Map.copyOf(parameters);
    }

    public Verification verificationFor(Alert alert) {
        ActionRequest.Builder b = ActionRequest.builder(action, Template.render(target, alert.labels(), alert.value()))
                .reason("verify remediation of " + alert.name())
                .requestedBy(Principal.system());
        parameters.forEach((k, v) -> b.parameter(k, Template.render(v, alert.labels(), alert.value())));
        return new Verification(b.build(), attempts, interval);
    }
}
