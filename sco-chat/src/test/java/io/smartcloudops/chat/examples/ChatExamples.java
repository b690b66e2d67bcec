package io.smartcloudops.chat.examples;

import io.smartcloudops.api.action.ActionGateway;
import io.smartcloudops.api.action.Principal;
import io.smartcloudops.api.chat.ChatEngine;
import io.smartcloudops.api.chat.ChatQuery;
import io.smartcloudops.api.chat.ChatReply;
import io.smartcloudops.api.chat.OpsView;
import io.smartcloudops.api.spi.ChatEngineProvider;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.api.spi.ProviderRegistry;
import io.smartcloudops.chat.IntentRecognizer;
import io.smartcloudops.chat.OfflineChatEngineProvider;
import io.smartcloudops.chat.OfflineChatSettings;
import io.smartcloudops.chat.llm.LlmChatEngineProvider;
import java.util.Map;

/**
 * The Javadoc examples of sco-chat, compiled; {@link JavadocExamplesTest} checks that the Javadoc shows them as they
 * are here, and runs those that need no model server. Parameters are what an example takes as given.
 */
class ChatExamples {

    void offlineChatEngine(ProviderContext context, OpsView view, ActionGateway gateway, Principal alice) {
        // tag::OfflineChatEngine[]
        try (ChatEngine chat = new OfflineChatEngineProvider().create(context, view, gateway)) {
            ChatReply p =
                    chat.answer(new ChatQuery("restart nginx on app-1", "s-1", alice)); // a proposal: nothing sent yet
            ChatReply r = chat.answer(new ChatQuery("yes", "s-1", alice)); // alice confirms in time: the gate gets it
        }
        // end::OfflineChatEngine[]
    }

    void llmChatEngine(ProviderContext context, OpsView view, ActionGateway gateway, Principal alice) {
        // tag::LlmChatEngine[]
        try (ChatEngine chat = new LlmChatEngineProvider().create(context, view, gateway)) {
            ChatReply r = chat.answer(new ChatQuery("restart nginx on app-1", "s-1", alice));
            // r.intent() = restart_service, r.approvalId() = the gateway's pending approval
        }
        // end::LlmChatEngine[]
    }

    ChatEngine llmChatEngineProvider(
            ProviderRegistry registry,
            ProviderContext context,
            OpsView view,
            ActionGateway gateway,
            String hostReadKeyFromItsEnvironment) {
        // tag::LlmChatEngineProvider[]
        ProviderConfig config = ProviderConfig.of(
                "chat",
                Map.of(
                        "base_url",
                        "http://localhost:11434/v1",
                        "model",
                        "llama3.1",
                        "api_key",
                        hostReadKeyFromItsEnvironment));
        ChatEngine chat =
                registry.provider(ChatEngineProvider.class, "llm").create(context.withConfig(config), view, gateway);
        // end::LlmChatEngineProvider[]
        return chat;
    }

    ChatEngine offlineChatEngineProvider(
            ProviderRegistry registry, ProviderContext context, OpsView view, ActionGateway gateway) {
        // tag::OfflineChatEngineProvider[]
        ChatEngine chat = registry.provider(ChatEngineProvider.class, "offline").create(context, view, gateway);
        // end::OfflineChatEngineProvider[]
        return chat;
    }

    IntentRecognizer.Understanding intentRecognizer() {
        // tag::IntentRecognizer[]
        IntentRecognizer r = IntentRecognizer.bundled(OfflineChatSettings.defaults());
        IntentRecognizer.Understanding u = r.understand("restart nginx on the web box");
        // u.intent() = "restart_service", u.slots() = {service=nginx, host=app}
        // end::IntentRecognizer[]
        return u;
    }
}
