package io.smartcloudops.remediate.rules;

import io.smartcloudops.api.alert.Severity;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One alerting rule, as in a Prometheus rule file, with an optional remediation declared beside it.
 *
 * @param forDuration how long the condition must hold before the alert fires
 * @param labels added to the alert's labels ({@code severity} among them)
 * @param annotations templates: {@code {{ $labels.host }}}, {@code {{ $value }}}
 */
public record Rule(
        String group,
        String name,
        Condition condition,
        Duration forDuration,
        Map<String, String> labels,
        Map<String, String> annotations,
        Optional<Remediation> remediation) {

    public Rule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(forDuration, "for");
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
        Objects.requireNonNull(remediation, "remediation");
    }

    public Severity severity() {
        return Severity.parse(labels.get("severity"));
    }
}
