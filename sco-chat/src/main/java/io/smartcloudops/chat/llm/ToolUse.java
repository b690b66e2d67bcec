package io.smartcloudops.chat.llm;

import io.smartcloudops.chat.internal.answer.Reply;
import io.smartcloudops.chat.internal.nlu.Intent;
import java.util.Map;
import java.util.Objects;

/**
 * One tool the model called in a turn and what it produced.
 *
 * @param mentions the normalised arguments under neutral keys, remembered for offline follow-ups
 * @param refused true when the caller's role did not allow the tool; nothing was asked of the gateway
 */
record ToolUse(
        String tool,
        Intent intent,
        Map<String, Object> slots,
        Map<String, Object> mentions,
        Reply reply,
        boolean refused) {
    ToolUse {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(reply, "reply");
        slots = Map.copyOf(slots);
        mentions = Map.copyOf(mentions);
    }

    /** True when the gateway was asked to do something: the turn has a side effect. */
    boolean reachedGateway() {
        return intent.isAction() && !refused;
    }
}
