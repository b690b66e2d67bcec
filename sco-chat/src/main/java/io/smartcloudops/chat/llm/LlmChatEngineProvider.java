package io.smartcloudops.chat.llm;

import io.smartcloudops.api.action.ActionGateway;
import io.smartcloudops.api.chat.ChatEngine;
import io.smartcloudops.api.chat.OpsView;
import io.smartcloudops.api.spi.ChatEngineProvider;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.chat.OfflineChatEngine;

/**
 * Provides the {@code llm} chat engine, with an {@code offline} engine built from the same context
 * as its fallback (they share the session file). Settings are validated before the offline engine
 * loads its embedding model, so a typo fails fast.
 *
 * <pre>{@code
 * ProviderConfig config = ProviderConfig.of(
 *         "chat",
 *         Map.of(
 *                 "base_url",
 *                 "http://localhost:11434/v1",
 *                 "model",
 *                 "llama3.1",
 *                 "api_key",
 *                 hostReadKeyFromItsEnvironment));
 * ChatEngine chat =
 *         registry.provider(ChatEngineProvider.class, "llm").create(context.withConfig(config), view, gateway);
 * }</pre>
 */
public final class LlmChatEngineProvider implements ChatEngineProvider {

    @Override
    public String name() {
        return LlmChatEngine.NAME;
    }

    @Override
    public ChatEngine create(ProviderContext context, OpsView view, ActionGateway gateway) {
        LlmSettings settings = LlmSettings.from(context.config());
        ChatEngine offline = new OfflineChatEngine(context.withConfig(settings.offlineConfig()), view, gateway);
        try {
            return new LlmChatEngine(context, view, gateway, offline);
        } catch (RuntimeException e) {
            offline.close();
            throw e;
        }
    }
}
