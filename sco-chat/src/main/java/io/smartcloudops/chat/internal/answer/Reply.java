package io.smartcloudops.chat.internal.answer;

import java.util.Map;

/** The part of a chat reply that answering an intent produces; the engine adds intent, slots and confidence. */
public record Reply(String answer, Map<String, Object> data, String approvalId) {
    public Reply {
        data = Map.copyOf(data);
    }

    public static Reply of(String answer) {
        return new Reply(answer, Map.of(), null);
    }

    public static Reply of(String answer, Map<String, Object> data) {
        return new Reply(answer, data, null);
    }
}
