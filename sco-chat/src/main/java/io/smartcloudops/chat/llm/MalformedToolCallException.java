package io.smartcloudops.chat.llm;

/** The model asked for a tool that does not exist, or passed arguments that do not parse; the turn falls back. */
final class MalformedToolCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedToolCallException(String message, Throwable cause) {
        super(message, cause);
    }
}
