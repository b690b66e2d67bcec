package io.smartcloudops.server;

import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.server.link.PeerLink;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the HTTP side of a host is configured with: where it listens, who may call it, how it
 * chats, and the other host of a pair. The loop behind it has its own {@code RuntimeConfig}.
 *
 * <pre>{@code
 * ServerConfig s = ServerConfig.defaults().toBuilder().port(0).build();
 * }</pre>
 *
 * @param httpToken bearer token accepted as an operator's (the config file's {@code http.token});
 *     required when {@code bind} is not a loopback address
 * @param chatSettings the chat engine's settings
 * @param remotes peer hosts by name that restart their own services when this host's policy asks
 *     ({@code restart_service} with that name as target): the application host of a pair
 * @param upstream the monitor whose state and policy gate this host's API and chat use, or empty
 *     for a host that answers from its own state
 */
public record ServerConfig(
        String bind,
        int port,
        int maxBodyBytes,
        Optional<String> httpToken,
        String chatEngine,
        ProviderConfig chatSettings,
        Map<String, PeerLink> remotes,
        Optional<PeerLink> upstream) {

    public ServerConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(httpToken, "httpToken");
        Objects.requireNonNull(chatEngine, "chatEngine");
        Objects.requireNonNull(chatSettings, "chatSettings");
        remotes = Collections.unmodifiableMap(new LinkedHashMap<>(remotes));
        Objects.requireNonNull(upstream, "upstream");
    }

    public static ServerConfig defaults() {
        return new ServerConfig("127.0.0.1", 8080, 64 * 1024, Optional.empty(), "offline", ProviderConfig.of("chat", Map.of()),
                Map.of(), Optional.empty());
    }

    /** True for 127.0.0.0/8, ::1 and localhost: only this machine can reach the server. */
    public boolean loopbackOnly() {
        return bind.equals("localhost") || bind.startsWith("127.") || bind.equals("::1") || bind.equals("[::1]");
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes to a configuration. */
    public static final class Builder {
        private String bind;
        private int port;
        private int maxBodyBytes;
        private Optional<String> httpToken;
        private String chatEngine;
        private ProviderConfig chatSettings;
        private Map<String, PeerLink> remotes;
        private Optional<PeerLink> upstream;

        private Builder(ServerConfig c) {
            bind = c.bind;
            port = c.port;
            maxBodyBytes = c.maxBodyBytes;
            httpToken = c.httpToken;
            chatEngine = c.chatEngine;
            chatSettings = c.chatSettings;
            remotes = c.remotes;
            upstream = c.upstream;
        }

        public Builder bind(String v) { bind = v; return this; }

        public Builder port(int v) { port = v; return this; }

        public Builder maxBodyBytes(int v) { maxBodyBytes = v; return this; }

        public Builder httpToken(String v) { httpToken = Optional.ofNullable(v); return this; }

        public Builder chatEngine(String v) { chatEngine = v; return this; }

        /** The chat engine's own settings (for {@code llm}: base_url, model, api_key, timeout). */
        public Builder chatSettings(ProviderConfig v) { chatSettings = v; return this; }

        public Builder remotes(Map<String, PeerLink> v) { remotes = v; return this; }

        public Builder upstream(PeerLink v) { upstream = Optional.ofNullable(v); return this; }

        public ServerConfig build() {
            return new ServerConfig(bind, port, maxBodyBytes, httpToken, chatEngine, chatSettings, remotes, upstream);
        }
    }
}
