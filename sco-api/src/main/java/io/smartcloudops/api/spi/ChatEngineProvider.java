package io.smartcloudops.api.spi;

import io.smartcloudops.api.action.ActionGateway;
import io.smartcloudops.api.chat.ChatEngine;
import io.smartcloudops.api.chat.OpsView;

/**
 * Plugs in a chat engine. It gets a read-only view and the action gateway, nothing else of the
 * agent, so it cannot bypass the policy gate.
 *
 * <pre>{@code
 * ChatEngine engine = provider.create(context, view, gateway);
 * }</pre>
 */
public interface ChatEngineProvider extends Provider {
    ChatEngine create(ProviderContext context, OpsView view, ActionGateway gateway);
}
