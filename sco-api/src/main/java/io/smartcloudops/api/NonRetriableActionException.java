package io.smartcloudops.api;

/** The action failed for a lasting reason (bad parameters, access denied); retrying cannot help. */
public class NonRetriableActionException extends ActionException {
    private static final long serialVersionUID = 1L;

    public NonRetriableActionException(String message) {
        super(message, null);
    }

    public NonRetriableActionException(String message, Throwable cause) {
        super(message, cause);
    }
}
