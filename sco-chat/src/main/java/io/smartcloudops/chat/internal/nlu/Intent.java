package io.smartcloudops.chat.internal.nlu;

import io.smartcloudops.api.action.Role;
import java.util.Locale;
import java.util.Optional;

/** The sixteen things an operator can ask the offline engine, with the role each needs. */
public enum Intent {
    STATUS(Role.VIEWER, "a summary of the agent and both hosts (\"status\")"),
    METRIC_QUERY(Role.VIEWER, "recent values of a metric (\"cpu on app-1 over the last hour\")"),
    ANOMALIES(Role.VIEWER, "recent anomalies (\"any anomalies on mon-1 today?\")"),
    EXPLAIN_ANOMALY(Role.VIEWER, "why something was flagged (\"explain anomaly an-208\")"),
    ALERTS(Role.VIEWER, "open alerts (\"show critical alerts\")"),
    LOGS(Role.VIEWER, "the agent's log lines (\"last 50 error lines for nginx\")"),
    RESTART_SERVICE(Role.OPERATOR, "restart a service (\"restart nginx on app-1\"); the policy gate decides"),
    SCALE_UP(Role.OPERATOR, "add replicas or resize (\"scale the api to 3 replicas\")"),
    HEALTH_CHECK(Role.OPERATOR, "check a service or host (\"is redis reachable?\")"),
    FORECAST(Role.VIEWER, "a forecast (\"when will the disk on app-1 fill up?\")"),
    AUDIT(Role.VIEWER, "who did what (\"audit trail for redis, past 3 days\")"),
    APPROVE(Role.OPERATOR, "approve a pending action (\"approve act-1187\", or \"yes\" after a proposal)"),
    DENY(Role.OPERATOR, "deny a pending action (\"deny act-1187\", or \"no\" after a proposal)"),
    SILENCE(Role.OPERATOR, "silence an alert (\"silence HighCpuUsage for 1h\")"),
    HELP(Role.VIEWER, "this list"),
    /** Read-only, added for issue #17: what waits for approval. */
    PENDING_APPROVALS(Role.VIEWER, "actions waiting for approval (\"show pending approvals\")"),
    OUT_OF_SCOPE(Role.VIEWER, "");

    private final Role minimumRole;
    private final String description;

    Intent(Role minimumRole, String description) {
        this.minimumRole = minimumRole;
        this.description = description;
    }

    /** The wire name, as in {@code ChatReply.intent()} and the labelled query files. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Intent> fromLabel(String label) {
        for (Intent i : values()) {
            if (i.label().equals(label)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** The least role that may ask for this; actions go through the gateway and need OPERATOR. */
    public Role minimumRole() {
        return minimumRole;
    }

    public String description() {
        return description;
    }

    /** True for the intents that change something when they run: these are proposed, then confirmed. */
    public boolean isMutating() {
        return this == RESTART_SERVICE || this == SCALE_UP || this == SILENCE || this == APPROVE || this == DENY;
    }

    /** True for the intents that ask the action gateway to change or probe something. */
    public boolean isAction() {
        return minimumRole != Role.VIEWER;
    }
}
