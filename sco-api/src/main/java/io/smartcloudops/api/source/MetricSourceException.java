package io.smartcloudops.api.source;

import io.smartcloudops.api.ScoException;

/** A source could not deliver samples this time (down, slow, garbage). The agent keeps running. */
public class MetricSourceException extends ScoException {
    private static final long serialVersionUID = 1L;

    public MetricSourceException(String message) {
        super(message);
    }

    public MetricSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
