package io.smartcloudops.chat.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartcloudops.chat.internal.session.SessionStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each session's {@link Pseudonyms} in the session database beside its message window, expiring
 * with it, so a placeholder keeps its meaning across turns and engine restarts. The document is
 * {@code {"names": [{"id": "host-1", "name": "app-1"}, ...]}} in format {@link #FORMAT}; a document
 * this version cannot read starts the session's placeholders afresh, which costs consistency with
 * the model's earlier view of the conversation, never correctness: every request is concealed whole.
 */
final class PseudonymStore {

    static final int FORMAT = 1;

    private static final Logger LOG = LoggerFactory.getLogger(PseudonymStore.class);

    private final SessionStore sessions;
    private final ObjectMapper json = new ObjectMapper();

    PseudonymStore(SessionStore sessions) {
        this.sessions = sessions;
    }

    Pseudonyms load(String session) {
        Optional<String> stored = sessions.loadDocument(SessionStore.Document.PSEUDONYMS, session, FORMAT);
        if (stored.isEmpty()) {
            return Pseudonyms.empty();
        }
        try {
            List<Pseudonyms.Entry> entries = new ArrayList<>();
            for (JsonNode n : json.readTree(stored.get()).path("names")) {
                entries.add(new Pseudonyms.Entry(
                        n.path("id").asText(), n.path("name").asText()));
            }
            return Pseudonyms.of(entries);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            LOG.warn(
                    "pseudonyms of session {} are unreadable ({}); starting afresh",
                    session,
                    e.getClass().getSimpleName());
            return Pseudonyms.empty();
        }
    }

    void save(String session, Pseudonyms pseudonyms) {
        ObjectNode doc = json.createObjectNode();
        ArrayNode names = doc.putArray("names");
        pseudonyms.entries().forEach(e -> names.addObject().put("id", e.id()).put("name", e.name()));
        sessions.saveDocument(SessionStore.Document.PSEUDONYMS, session, FORMAT, doc.toString());
    }
}
