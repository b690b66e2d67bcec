package io.smartcloudops.chat.llm;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import io.smartcloudops.chat.internal.session.SessionStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each session's message window in the offline engine's session database, so both engines'
 * conversations live, and expire, in one file. Messages hold the conversation with real names, as the
 * operator and the tools see it (the user's text after secret redaction, fenced tool results, answers
 * with their placeholders revealed): {@link ConcealingChatModel} pseudonymises all of it again on every
 * request, so a name learnt late is hidden in old history too. Secrets never reach it.
 */
final class SessionMemoryStore implements ChatMemoryStore {

    /** langchain4j's {@link ChatMessageSerializer} JSON; a new layout gets a new number and old rows start afresh. */
    static final int FORMAT = 1;

    private static final Logger LOG = LoggerFactory.getLogger(SessionMemoryStore.class);

    private final SessionStore sessions;

    SessionMemoryStore(SessionStore sessions) {
        this.sessions = sessions;
    }

    @Override
    public List<ChatMessage> getMessages(Object memoryId) {
        Optional<String> stored = sessions.loadDocument(SessionStore.Document.MESSAGES, memoryId.toString(), FORMAT);
        if (stored.isEmpty()) {
            return new ArrayList<>();
        }
        try {
            return new ArrayList<>(ChatMessageDeserializer.messagesFromJson(stored.get()));
        } catch (RuntimeException e) {
            LOG.warn(
                    "chat memory of session {} is unreadable ({}); starting afresh",
                    memoryId,
                    e.getClass().getSimpleName());
            return new ArrayList<>();
        }
    }

    @Override
    public void updateMessages(Object memoryId, List<ChatMessage> messages) {
        if (messages.isEmpty()) {
            sessions.deleteDocument(SessionStore.Document.MESSAGES, memoryId.toString());
        } else {
            sessions.saveDocument(
                    SessionStore.Document.MESSAGES,
                    memoryId.toString(),
                    FORMAT,
                    ChatMessageSerializer.messagesToJson(messages));
        }
    }

    @Override
    public void deleteMessages(Object memoryId) {
        sessions.deleteDocument(SessionStore.Document.MESSAGES, memoryId.toString());
    }
}
