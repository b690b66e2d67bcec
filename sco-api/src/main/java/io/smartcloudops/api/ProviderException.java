package io.smartcloudops.api;

/** A plugin could not be found, was ambiguous, or failed to load or start. */
public class ProviderException extends ScoException {
    private static final long serialVersionUID = 1L;

    public ProviderException(String message) {
        super(message);
    }

    public ProviderException(String message, Throwable cause) {
        super(message, cause);
    }
}
