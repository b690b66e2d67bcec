package io.smartcloudops.api;

/** The action failed for a passing reason (a time-out, throttling); a later retry may succeed. */
public class RetriableActionException extends ActionException {
    private static final long serialVersionUID = 1L;

    public RetriableActionException(String message) {
        super(message, null);
    }

    public RetriableActionException(String message, Throwable cause) {
        super(message, cause);
    }
}
