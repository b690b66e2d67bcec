package io.smartcloudops.api.chat;

import io.smartcloudops.api.action.Principal;
import java.util.Objects;

/**
 * What a person asked, in which conversation, as whom.
 *
 * <pre>{@code
 * ChatReply reply = engine.answer(new ChatQuery("how is cpu on app?", "s-1", alice));
 * }</pre>
 */
public record ChatQuery(String text, String session, Principal principal) {
    public ChatQuery {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(principal, "principal");
        session = session == null || session.isBlank() ? "default" : session;
    }
}
