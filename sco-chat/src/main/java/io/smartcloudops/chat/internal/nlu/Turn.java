package io.smartcloudops.chat.internal.nlu;

import java.util.Map;
import java.util.Objects;

/**
 * What a conversation remembers of its previous turn, to resolve follow-ups against.
 *
 * @param slots the slots reported for that turn
 * @param mentions every entity that turn named or resolved, under neutral keys ({@link SlotExtractor})
 * @param pendingApprovalId the approval that turn's action request created, or null
 */
public record Turn(Intent intent, Map<String, Object> slots, Map<String, Object> mentions, String pendingApprovalId) {
    public Turn {
        Objects.requireNonNull(intent, "intent");
        slots = Map.copyOf(slots);
        mentions = Map.copyOf(mentions);
    }

    public Turn withPendingApproval(String approvalId) {
        return new Turn(intent, slots, mentions, approvalId);
    }
}
