package io.smartcloudops.chat;

import io.smartcloudops.api.action.ActionGateway;
import io.smartcloudops.api.chat.ChatEngine;
import io.smartcloudops.api.chat.OpsView;
import io.smartcloudops.api.spi.ChatEngineProvider;
import io.smartcloudops.api.spi.ProviderContext;

/**
 * Provides the {@code offline} chat engine. Each call to {@link #create} loads its own copy of the
 * few-shot embeddings; hosts keep one engine and share it between threads.
 *
 * <pre>{@code
 * ChatEngine chat = registry.provider(ChatEngineProvider.class, "offline").create(context, view, gateway);
 * }</pre>
 */
public final class OfflineChatEngineProvider implements ChatEngineProvider {

    @Override
    public String name() {
        return OfflineChatEngine.NAME;
    }

    @Override
    public ChatEngine create(ProviderContext context, OpsView view, ActionGateway gateway) {
        return new OfflineChatEngine(context, view, gateway);
    }
}
