package io.smartcloudops.chat.internal.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcloudops.chat.internal.nlu.Intent;
import io.smartcloudops.chat.internal.nlu.Turn;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The persisted form of a {@link Turn}, separate from the live object and versioned: every stored
 * document carries {@code "v"}; readers accept each version they know and refuse newer ones instead
 * of guessing (an older engine simply starts that conversation afresh).
 */
final class TurnCodec {

    static final int VERSION = 1;

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final ObjectMapper json = new ObjectMapper();

    String write(Turn turn) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("v", VERSION);
        doc.put("intent", turn.intent().label());
        doc.put("slots", turn.slots());
        doc.put("mentions", turn.mentions());
        doc.put("pendingApprovalId", turn.pendingApprovalId());
        try {
            return json.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a turn holds only strings and numbers, so it always serialises", e);
        }
    }

    /** The turn, or empty when the document is of an unknown version or unreadable. */
    Optional<Turn> read(String document) {
        try {
            JsonNode doc = json.readTree(document);
            if (doc == null || doc.path("v").asInt(-1) != VERSION) {
                return Optional.empty();
            }
            Optional<Intent> intent = Intent.fromLabel(doc.path("intent").asText(""));
            if (intent.isEmpty()) {
                return Optional.empty();
            }
            Map<String, Object> slots = json.convertValue(doc.path("slots"), MAP);
            Map<String, Object> mentions = json.convertValue(doc.path("mentions"), MAP);
            JsonNode pending = doc.path("pendingApprovalId");
            return Optional.of(new Turn(
                    intent.get(),
                    slots == null ? Map.of() : slots,
                    mentions == null ? Map.of() : mentions,
                    pending.isTextual() ? pending.asText() : null));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
