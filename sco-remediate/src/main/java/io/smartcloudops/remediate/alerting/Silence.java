package io.smartcloudops.remediate.alerting;

import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.remediate.match.Matcher;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Mutes the alerts that match all its matchers between {@code startsAt} and {@code endsAt}, as an
 * Alertmanager silence does. A silenced alert is still tracked and audited; it is neither notified
 * nor remediated.
 */
public record Silence(
        String id, List<Matcher> matchers, Instant startsAt, Instant endsAt, String createdBy, String comment) {
    public Silence {
        Objects.requireNonNull(id, "id");
        matchers = List.copyOf(matchers);
        if (matchers.isEmpty()) {
            throw new IllegalArgumentException(
                    "a silence needs at least one matcher (one that matches everything would mute all alerts)");
        }
        if (Matcher.matchAllAlerts(matchers)) {
            throw new IllegalArgumentException(
                    "a silence's matchers " + matchers + " would mute every alert (they match the empty label set,"
                            + " or ask only that a label be present); name what to silence, e.g. alertname=\"NginxDown\" or host=\"app\"");
        }
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        if (!endsAt.isAfter(startsAt)) {
            throw new IllegalArgumentException("a silence must end after it starts");
        }
        createdBy = createdBy == null ? "" : createdBy;
        comment = comment == null ? "" : comment;
    }

    public boolean activeAt(Instant now) {
        return !now.isBefore(startsAt) && now.isBefore(endsAt);
    }

    public boolean mutes(Labels labels, Instant now) {
        return activeAt(now) && matchers.stream().allMatch(m -> m.matches(labels));
    }
}
