package io.smartcloudops.api.chat;

import java.util.Map;
import java.util.Objects;

/**
 * The structured answer to a chat query.
 *
 * @param intent one of the intents the engine knows ({@code status}, {@code restart_service}, ...)
 * @param slots only what the text stated, normalised ({@code service}, {@code host}, {@code range}...)
 * @param answer text for the person
 * @param data structured data behind the answer (for charts and scripts)
 * @param approvalId the pending approval an action query created, or null
 * @param confidence the engine's confidence in the intent, in [0, 1]
 * @param engine which engine answered ({@code offline}, {@code llm})
 */
public record ChatReply(
        String intent,
        Map<String, Object> slots,
        String answer,
        Map<String, Object> data,
        String approvalId,
        double confidence,
        String engine) {

    public ChatReply {
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(answer, "answer");
        slots = Map.copyOf(slots);
        data = Map.copyOf(data);
        engine = engine == null ? "" : engine;
    }
}
