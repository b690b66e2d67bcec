package io.smartcloudops.api;

/** Configuration is missing, malformed or inconsistent. Retrying without changing it cannot help. */
public class ConfigException extends ScoException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
