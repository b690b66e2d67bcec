package io.smartcloudops.api.action;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A request to run one action on one target, with the reason it is asked for.
 *
 * <pre>{@code
 * ActionRequest r = ActionRequest.builder("restart_service", "nginx")
 *         .parameter("unit", "nginx")
 *         .reason("alert NginxDown")
 *         .requestedBy(Principal.system())
 *         .idempotencyKey(alert.fingerprint())
 *         .build();
 * }</pre>
 *
 * @param idempotencyKey requests with one key act at most once (a duplicate alert delivery)
 */
public record ActionRequest(
        String action,
        String target,
        Map<String, String> parameters,
        String reason,
        Principal requestedBy,
        String idempotencyKey) {

    public ActionRequest {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(requestedBy, "requestedBy");
        parameters = Map.copyOf(parameters);
        reason = reason == null ? "" : reason;
    }

    public static Builder builder(String action, String target) {
        return new Builder(action, target);
    }

    /** Options for an {@link ActionRequest}. */
    public static final class Builder {
        private final String action;
        private final String target;
        private final LinkedHashMap<String, String> parameters = new LinkedHashMap<>();
        private String reason = "";
        private Principal requestedBy = Principal.system();
        private String idempotencyKey;

        private Builder(String action, String target) {
            this.action = action;
            this.target = target;
        }

        public Builder parameter(String name, String value) {
            parameters.put(name, value);
            return this;
        }

        public Builder parameters(Map<String, String> values) {
            parameters.putAll(values);
            return this;
        }

        public Builder reason(String why) {
            this.reason = why;
            return this;
        }

        public Builder requestedBy(Principal principal) {
            this.requestedBy = principal;
            return this;
        }

        public Builder idempotencyKey(String key) {
            this.idempotencyKey = key;
            return this;
        }

        public ActionRequest build() {
            return new ActionRequest(action, target, parameters, reason, requestedBy, idempotencyKey);
        }
    }
}
