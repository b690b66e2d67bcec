package io.smartcloudops.chat;

import java.util.Map;

/** The part of a chat reply that answering an intent produces; the engine adds intent, slots and confidence. */
record Reply(String answer, Map<String, Object> data, String approvalId) {
    Reply {
        data = Map.copyOf(data);
    }

    static Reply of(String answer) {
        return new Reply(answer, Map.of(), null);
    }

    static Reply of(String answer, Map<String, Object> data) {
        return new Reply(answer, data, null);
    }
}
