package io.smartcloudops.server;

/** A request the API refuses, with the HTTP status and a message that says what to change. */
final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    BadRequest(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
