package io.smartcloudops.api.notify;

import io.smartcloudops.api.ScoException;

/** A notification was not delivered. */
public class NotificationException extends ScoException {
    private static final long serialVersionUID = 1L;

    public NotificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
