package io.smartcloudops.remediate.alerting;

import io.smartcloudops.api.ScoException;

/**
 * A webhook delivery would hold more firing Alertmanager alerts than the router's limit. Nothing of
 * the delivery was taken; a retry helps once alerts resolve or expire (an HTTP host answers 503
 * with {@code Retry-After}, which Alertmanager retries).
 */
public final class AlertCapacityException extends ScoException {
    public AlertCapacityException(String message) {
        super(message);
    }
}
