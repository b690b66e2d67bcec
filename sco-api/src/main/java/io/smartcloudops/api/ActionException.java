package io.smartcloudops.api;

/**
 * A remediation action failed. Subclasses tell whether a retry can help, so the policy gate
 * retries only what is worth retrying.
 */
public abstract class ActionException extends ScoException {
    private static final long serialVersionUID = 1L;

    protected ActionException(String message, Throwable cause) {
        super(message, cause);
    }

    /** True when the same request may succeed later (time-outs, throttling, a busy target). */
    public abstract boolean retriable();
}
