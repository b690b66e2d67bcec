package io.smartcloudops.api.chat;

/**
 * Answers operators in plain language about everything the agent sees, and asks for actions only
 * through the {@link io.smartcloudops.api.action.ActionGateway} it was given.
 *
 * <pre>{@code
 * ChatEngine engine =
 *         registry.provider(ChatEngineProvider.class, "offline").create(context, view, gateway);
 * ChatReply r = engine.answer(new ChatQuery("show open alerts", "s1", Principal.anonymousViewer()));
 * }</pre>
 */
public interface ChatEngine extends AutoCloseable {

    String name();

    /** Never throws for odd text: unknown or hostile input is answered as {@code out_of_scope}. */
    ChatReply answer(ChatQuery query);

    @Override
    default void close() {}
}
