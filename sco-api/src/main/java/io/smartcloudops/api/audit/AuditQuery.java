package io.smartcloudops.api.audit;

import java.time.Instant;

/**
 * Which audit entries to read, newest first. Null fields do not filter.
 *
 * <pre>{@code
 * List<AuditEntry> restarts = log.query(
 *         AuditQuery.builder().action("restart_service").limit(20).build());
 * }</pre>
 */
public record AuditQuery(
        Instant from, Instant to, AuditKind kind, String subject, String action, String outcome, int limit) {
    public AuditQuery {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be in [1, 10000], got " + limit);
        }
    }

    public static AuditQuery latest(int limit) {
        return new AuditQuery(null, null, null, null, null, null, limit);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options for an {@link AuditQuery}. */
    public static final class Builder {
        private Instant from;
        private Instant to;
        private AuditKind kind;
        private String subject;
        private String action;
        private String outcome;
        private int limit = 100;

        private Builder() {}

        public Builder from(Instant v) {
            from = v;
            return this;
        }

        public Builder to(Instant v) {
            to = v;
            return this;
        }

        public Builder kind(AuditKind v) {
            kind = v;
            return this;
        }

        public Builder subject(String v) {
            subject = v;
            return this;
        }

        public Builder action(String v) {
            action = v;
            return this;
        }

        public Builder outcome(String v) {
            outcome = v;
            return this;
        }

        public Builder limit(int v) {
            limit = v;
            return this;
        }

        public AuditQuery build() {
            return new AuditQuery(from, to, kind, subject, action, outcome, limit);
        }
    }
}
