package io.smartcloudops.server;

import java.util.Map;

/** A request the API refuses, with the HTTP status and a message that says what to change. */
final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final Map<String, String> headers;

    BadRequest(int status, String message) {
        this(status, message, Map.of());
    }

    /** A refusal that also tells the client something in response headers (Retry-After on a 429). */
    BadRequest(int status, String message, Map<String, String> headers) {
        super(message);
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    int status() {
        return status;
    }

    Map<String, String> headers() {
        return headers;
    }
}
