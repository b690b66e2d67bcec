package io.smartcloudops.chat.llm;

import dev.langchain4j.exception.ToolArgumentsException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/** Why a turn was answered by the fallback engine; {@code data.fallback_reason} of the reply. */
enum FallbackReason {
    /** The model server did not answer within the timeout. */
    TIMEOUT,
    /** The model called a tool that does not exist or with arguments that are not valid JSON for it. */
    MALFORMED_TOOL_CALL,
    /** Anything else: connection refused, HTTP error, unreadable response, too many tool calls. */
    LLM_ERROR;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static FallbackReason of(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof dev.langchain4j.exception.TimeoutException
                    || t instanceof HttpTimeoutException
                    || t instanceof SocketTimeoutException
                    || t instanceof TimeoutException) {
                return TIMEOUT;
            }
            if (t instanceof MalformedToolCallException || t instanceof ToolArgumentsException) {
                return MALFORMED_TOOL_CALL;
            }
        }
        return LLM_ERROR;
    }
}
