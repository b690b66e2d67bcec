package io.smartcloudops.server.link;

/** A peer host could not be reached, timed out, or refused the call; the message says which and why. */
public final class PeerUnavailableException extends RuntimeException {
    private final int status;

    public PeerUnavailableException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The peer's HTTP status, or 0 when no answer came back. */
    public int status() {
        return status;
    }
}
