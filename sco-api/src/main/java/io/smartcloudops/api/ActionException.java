package io.smartcloudops.api;

/**
 * A remediation action failed. Its type tells whether a retry can help: a
 * {@link RetriableActionException} (time-outs, throttling, a busy target) may succeed later, a
 * {@link NonRetriableActionException} will not; the policy gate retries only the first.
 */
public abstract class ActionException extends ScoException {
    private static final long serialVersionUID = 1L;

    protected ActionException(String message, Throwable cause) {
        super(message, cause);
    }
}
