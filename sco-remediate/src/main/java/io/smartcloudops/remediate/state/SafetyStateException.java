package io.smartcloudops.remediate.state;

import io.smartcloudops.api.ScoException;

/** Safety state could not be written or read; the change that needed it is not made. */
public final class SafetyStateException extends ScoException {
    private static final long serialVersionUID = 1L;

    public SafetyStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
