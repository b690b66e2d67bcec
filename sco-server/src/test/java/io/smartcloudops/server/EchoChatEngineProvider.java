package io.smartcloudops.server;

import io.smartcloudops.api.action.ActionGateway;
import io.smartcloudops.api.chat.ChatEngine;
import io.smartcloudops.api.chat.ChatQuery;
import io.smartcloudops.api.chat.ChatReply;
import io.smartcloudops.api.chat.OpsView;
import io.smartcloudops.api.spi.ChatEngineProvider;
import io.smartcloudops.api.spi.ProviderContext;
import java.util.Map;

/**
 * A chat engine for tests of the HTTP plumbing: it repeats the text and the caller, so a test can
 * see exactly what reached the engine. Found through test resources, never registered in code.
 */
public final class EchoChatEngineProvider implements ChatEngineProvider {
    @Override
    public String name() {
        return "echo";
    }

    @Override
    public ChatEngine create(ProviderContext context, OpsView view, ActionGateway gateway) {
        return new ChatEngine() {
            @Override
            public String name() {
                return "echo";
            }

            @Override
            public ChatReply answer(ChatQuery q) {
                return new ChatReply(
                        "echo",
                        Map.of("session", q.session()),
                        q.text(),
                        Map.of(
                                "principal",
                                q.principal().name(),
                                "role",
                                q.principal().role().name()),
                        null,
                        1.0,
                        "echo");
            }
        };
    }
}
