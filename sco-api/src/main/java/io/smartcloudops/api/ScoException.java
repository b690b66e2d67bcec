package io.smartcloudops.api;

/**
 * Root of every exception SmartCloudOps throws on purpose. Messages say what is wrong and what to do.
 *
 * <pre>{@code
 * try {
 *     registry.provider(DetectorProvider.class, "robust");
 * } catch (ScoException e) {
 *     log.error(e.getMessage());
 * } // a ProviderException naming the available detectors
 * }</pre>
 */
public class ScoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ScoException(String message) {
        super(message);
    }

    public ScoException(String message, Throwable cause) {
        super(message, cause);
    }
}
