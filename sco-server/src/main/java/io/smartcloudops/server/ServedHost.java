package io.smartcloudops.server;

import io.smartcloudops.api.action.ActionGateway;
import io.smartcloudops.api.chat.ChatEngine;
import io.smartcloudops.runtime.HostView;
import io.smartcloudops.runtime.Ops;

/**
 * What the HTTP API serves: the loop, and what this host answers and acts through (its own view
 * and gate, or on the application host of a pair the monitor's, over the link).
 *
 * @param ops this host's own loop
 * @param ownView this host's own state with the targets its configuration knows: the link serves it to the other host
 * @param view what {@code /status}, {@code /query} and the reads answer from
 * @param approvals where chat proposals and the approval endpoints go
 */
record ServedHost(
        Ops ops,
        HostView ownView,
        ServerConfig config,
        HostView view,
        ActionGateway approvals,
        ChatEngine chat,
        TokenStore tokens,
        AgentMetrics metrics) {}
