package io.smartcloudops.api.alert;

import io.smartcloudops.api.metric.Labels;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

/**
 * An alert instance: one rule matched on one set of labels.
 *
 * <pre>{@code
 * Alert a = view.alerts().get(0); // an OpsView: pending and firing alerts, most urgent first
 * if (a.state() == AlertState.FIRING && a.severity() == Severity.CRITICAL)
 *     page(a.annotations().get("summary"));
 * }</pre>
 *
 * @param name the alert (rule) name, also its {@code alertname} label
 * @param labels identifying labels, {@code alertname} included
 * @param annotations rendered summary, description and the like
 * @param activeSince when the condition first held (pending from then)
 * @param firedAt when it started firing, or null
 * @param resolvedAt when it resolved, or null
 * @param value the value that last satisfied the condition
 * @param source where it came from: {@code rules} or {@code alertmanager}
 */
public record Alert(
        String name,
        Labels labels,
        Map<String, String> annotations,
        AlertState state,
        Severity severity,
        Instant activeSince,
        Instant firedAt,
        Instant resolvedAt,
        double value,
        String source) {

    public Alert {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(activeSince, "activeSince");
        annotations = Map.copyOf(annotations);
        source = source == null ? "rules" : source;
    }

    /** Alertmanager's notion: the identity of an alert is its label set. */
    public String fingerprint() {
        return fingerprintOf(labels);
    }

    public static String fingerprintOf(Labels labels) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest(labels.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    public Alert withState(AlertState next, Instant at) {
        return new Alert(
                name,
                labels,
                annotations,
                next,
                severity,
                activeSince,
                next == AlertState.FIRING && firedAt == null ? at : firedAt,
                next == AlertState.RESOLVED ? at : resolvedAt,
                value,
                source);
    }
}
