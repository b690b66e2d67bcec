package io.smartcloudops.api.notify;

import io.smartcloudops.api.alert.Severity;
import io.smartcloudops.api.metric.Labels;
import java.time.Instant;
import java.util.Objects;

/**
 * A message for people: an escalation, a remediation outcome, an approval to give.
 *
 * <pre>{@code
 * notifier.send(new Notification("NginxDown fixed", "restarted nginx on app", Severity.INFO, labels, now));
 * }</pre>
 */
public record Notification(String title, String body, Severity severity, Labels labels, Instant at) {
    public Notification {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(at, "at");
        body = body == null ? "" : body;
    }
}
