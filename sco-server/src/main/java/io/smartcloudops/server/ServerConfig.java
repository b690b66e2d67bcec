package io.smartcloudops.server;

import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.server.link.PeerLink;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
 * @param anonymous what a caller without a token may do when the server listens on loopback
 *     ({@code http.anonymous}); off loopback every endpoint but {@code /healthz} needs a token
 * @param hosts the names the server answers to in the {@code Host} header ({@code http.hosts}),
 *     beside the loopback names and the bound address, so a rebound DNS name cannot reach it;
 *     empty means those alone (and, on a wildcard bind, this machine's own names and addresses)
 * @param connections how long and how slowly one client may hold a connection and how many of its
 *     requests run at once, so clients that trickle their bodies cannot take every worker
 */
public record ServerConfig(
        String bind,
        int port,
        int maxBodyBytes,
        Optional<String> httpToken,
        String chatEngine,
        ProviderConfig chatSettings,
        Map<String, PeerLink> remotes,
        Optional<PeerLink> upstream,
        AnonymousAccess anonymous,
        List<String> hosts,
        ConnectionLimits connections) {

    /**
     * Limits against slow clients, like a reverse proxy's ({@code http.idle_timeout},
     * {@code http.min_body_rate}, {@code http.max_requests_per_client}).
     *
     * @param idleTimeout a connection or a blocked body read with no byte for this long is closed
     * @param minBodyBytesPerSecond a request body arriving slower than this on average is refused
     *     with 408; zero turns the check off
     * @param maxRequestsPerClient requests of one client address handled at once; more wait,
     *     without holding a worker, until one ends
     */
    public record ConnectionLimits(Duration idleTimeout, long minBodyBytesPerSecond, int maxRequestsPerClient) {
        public ConnectionLimits {
            Objects.requireNonNull(idleTimeout, "idleTimeout");
            if (idleTimeout.isNegative() || idleTimeout.isZero()) {
                throw new io.smartcloudops.api.ConfigException(
                        "setting 'http.idle_timeout' must be positive, got " + idleTimeout);
            }
            if (minBodyBytesPerSecond < 0) {
                throw new io.smartcloudops.api.ConfigException(
                        "setting 'http.min_body_rate' must be zero or more bytes a second, got "
                                + minBodyBytesPerSecond);
            }
            if (maxRequestsPerClient < 1) {
                throw new io.smartcloudops.api.ConfigException(
                        "setting 'http.max_requests_per_client' must be at least 1, got " + maxRequestsPerClient);
            }
        }

        /** 10 s idle, 128 bytes a second, 16 requests at once: far beyond what a page, a scrape or a webhook needs. */
        public static ConnectionLimits defaults() {
            return new ConnectionLimits(Duration.ofSeconds(10), 128, 16);
        }
    }

    /** What token-less callers on loopback may do, like Prometheus' admin APIs that need a flag. */
    public enum AnonymousAccess {
        /** Read-only endpoints: status, alerts, series, audit, chat questions (as a viewer). */
        READ,
        /** Nothing but {@code /healthz}. */
        NONE;

        /** Parses {@code read} or {@code none}. */
        public static AnonymousAccess parse(String key, String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "read" -> READ;
                case "none" -> NONE;
                default ->
                    throw new io.smartcloudops.api.ConfigException(
                            "setting '" + key + "' must be 'read' or 'none', got '" + value + "'");
            };
        }
    }

    public ServerConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(httpToken, "httpToken");
        Objects.requireNonNull(chatEngine, "chatEngine");
        Objects.requireNonNull(chatSettings, "chatSettings");
        remotes = Collections.unmodifiableMap(new LinkedHashMap<>(remotes));
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(anonymous, "anonymous");
        hosts = List.copyOf(hosts);
        Objects.requireNonNull(connections, "connections");
    }

    public static ServerConfig defaults() {
        return new ServerConfig(
                "127.0.0.1",
                8080,
                64 * 1024,
                Optional.empty(),
                "offline",
                ProviderConfig.of("chat", Map.of()),
                Map.of(),
                Optional.empty(),
                AnonymousAccess.READ,
                List.of(),
                ConnectionLimits.defaults());
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
        private AnonymousAccess anonymous;
        private List<String> hosts;
        private ConnectionLimits connections;

        private Builder(ServerConfig c) {
            bind = c.bind;
            port = c.port;
            maxBodyBytes = c.maxBodyBytes;
            httpToken = c.httpToken;
            chatEngine = c.chatEngine;
            chatSettings = c.chatSettings;
            remotes = c.remotes;
            upstream = c.upstream;
            anonymous = c.anonymous;
            hosts = c.hosts;
            connections = c.connections;
        }

        public Builder bind(String v) {
            bind = v;
            return this;
        }

        public Builder port(int v) {
            port = v;
            return this;
        }

        public Builder maxBodyBytes(int v) {
            maxBodyBytes = v;
            return this;
        }

        public Builder httpToken(String v) {
            httpToken = Optional.ofNullable(v);
            return this;
        }

        public Builder chatEngine(String v) {
            chatEngine = v;
            return this;
        }

        /** The chat engine's own settings (for {@code llm}: base_url, model, api_key, timeout). */
        public Builder chatSettings(ProviderConfig v) {
            chatSettings = v;
            return this;
        }

        public Builder remotes(Map<String, PeerLink> v) {
            remotes = v;
            return this;
        }

        public Builder upstream(PeerLink v) {
            upstream = Optional.ofNullable(v);
            return this;
        }

        public Builder anonymous(AnonymousAccess v) {
            anonymous = v;
            return this;
        }

        public Builder hosts(List<String> v) {
            hosts = v;
            return this;
        }

        public Builder connections(ConnectionLimits v) {
            connections = v;
            return this;
        }

        public ServerConfig build() {
            return new ServerConfig(
                    bind,
                    port,
                    maxBodyBytes,
                    httpToken,
                    chatEngine,
                    chatSettings,
                    remotes,
                    upstream,
                    anonymous,
                    hosts,
                    connections);
        }
    }
}
