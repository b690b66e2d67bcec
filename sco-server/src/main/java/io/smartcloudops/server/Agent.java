package io.smartcloudops.server;

import io.smartcloudops.api.action.ActionGateway;
import io.smartcloudops.api.action.Role;
import io.smartcloudops.api.audit.AuditKind;
import io.smartcloudops.api.audit.AuditRecord;
import io.smartcloudops.api.chat.ChatEngine;
import io.smartcloudops.api.source.MetricSource;
import io.smartcloudops.api.spi.ChatEngineProvider;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.api.spi.ProviderRegistry;
import io.smartcloudops.runtime.HostView;
import io.smartcloudops.runtime.Ops;
import io.smartcloudops.runtime.OpsBuilder;
import io.smartcloudops.server.link.PeerClient;
import io.smartcloudops.server.link.RemoteActionGateway;
import io.smartcloudops.server.link.RemoteOpsView;
import io.smartcloudops.server.link.RemoteRestartAction;
import java.net.InetAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole host: the loop ({@link Ops}) with an HTTP API, API tokens, ChatOps and, in a pair, the
 * link to the other host. What the example launchers start; a library user who wants only the
 * loop embeds {@link Ops} instead.
 *
 * <pre>{@code
 * try (Agent agent = Agent.builder(AgentConfig.defaults()).build().start()) {
 *     System.out.println("listening on " + agent.port());
 * }
 * }</pre>
 */
public final class Agent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);
    private static final Duration UPSTREAM_TIMEOUT = Duration.ofSeconds(5);
    /** A restart on a peer may wait for that host's own restart timeout and retries. */
    private static final Duration REMOTE_ACTION_TIMEOUT = Duration.ofSeconds(90);

    private final AgentConfig config;
    private final InstantSource clock;
    private final ProviderRegistry registry;
    private final List<MetricSource> extraSources;
    private final Consumer<String> adminTokenSink;
    private final HttpApi.BindResolver bindResolver;
    private final RecentLogs logs = new RecentLogs(2_000);
    private Ops ops;
    private AgentMetrics metrics;
    private TokenStore tokens;
    private ChatEngine chat;
    private HttpApi http;

    private Agent(Builder b) {
        this.config = b.config;
        this.clock = b.clock;
        this.registry = b.registry;
        this.extraSources = List.copyOf(b.sources);
        this.adminTokenSink = b.adminTokenSink;
        this.bindResolver = b.bindResolver;
    }

    public static Builder builder(AgentConfig config) {
        return new Builder(config);
    }

    /**
     * Opens the loop (data directory, audit log, rules, sources), the token store and chat, then
     * the HTTP server, then starts sampling. On any failure, what was started is stopped again and
     * the error says what to fix.
     */
    public Agent start() {
        logs.attach();
        try {
            startComponents();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        return this;
    }

    /** The hosts this agent's configuration names: the names it answers to, its peers and their link hosts. */
    private List<String> knownHosts() {
        List<String> hosts = new ArrayList<>(config.server().hosts());
        config.server().remotes().forEach((name, link) -> {
            hosts.add(name);
            hosts.add(link.url().getHost());
        });
        return hosts;
    }

    private void startComponents() {
        metrics = new AgentMetrics(
                () -> ops == null ? 0 : ops.seriesCount(), () -> ops == null ? List.of() : ops.openAlerts());
        OpsBuilder loop = Ops.builder(registry)
                .config(config.runtime())
                .clock(clock)
                .listener(metrics)
                .logs(logs::newest);
        extraSources.forEach(loop::source);
        loop.knownHosts(knownHosts());
        if (!config.server().remotes().isEmpty()) {
            Map<String, PeerClient> peers = new LinkedHashMap<>();
            config.server()
                    .remotes()
                    .forEach((name, link) -> peers.put(name, new PeerClient(link, REMOTE_ACTION_TIMEOUT)));
            loop.decorateActions(a -> a.name().equals("restart_service") ? new RemoteRestartAction(a, peers) : a);
        }
        ops = loop.build();

        tokens = TokenStore.open(config.runtime().dataDir().resolve("tokens.db"));
        if (tokens.isEmpty()) {
            adminTokenSink.accept(tokens.create("admin", Role.ADMIN, clock.instant()));
            ops.audit()
                    .append(new AuditRecord(
                            AuditKind.SYSTEM, "agent", "admin", "token", "created", "first start", Map.of()));
        }

        HostView ownView = new ConfiguredTargetsView(
                ops.view(),
                config.server().remotes().keySet(),
                () -> ops.gate().actions().stream().map(a -> a.name()).toList());
        HostView hostView;
        ActionGateway approvals;
        if (config.server().upstream().isPresent()) {
            // the application host of a pair: it answers about the whole deployment from the
            // monitor's state, and its chat proposes through the monitor's gate
            PeerClient monitor = new PeerClient(config.server().upstream().get(), UPSTREAM_TIMEOUT);
            hostView = new RemoteOpsView(monitor);
            approvals = new RemoteActionGateway(monitor, clock);
        } else {
            hostView = ownView;
            approvals = ops.gate();
        }
        ProviderContext base = ProviderContext.builder()
                .clock(clock)
                .dataDir(config.runtime().dataDir())
                .build();
        chat = registry.provider(ChatEngineProvider.class, config.server().chatEngine())
                .create(base.withConfig(config.server().chatSettings()), hostView, approvals);

        http = new HttpApi(
                new ServedHost(ops, ownView, config.server(), hostView, approvals, chat, tokens, metrics),
                bindResolver);
        http.start(config.server().bind(), config.server().port());
        ops.start();
        LOG.info(
                "agent started: detector={}, mode={}, sources={}, upstream={}, remotes={}",
                config.runtime().detector(),
                config.runtime().actionMode(),
                ops.sourceNames(),
                config.server().upstream().map(Object::toString).orElse("none"),
                config.server().remotes().keySet());
    }

    public int port() {
        return http.port();
    }

    public AgentConfig config() {
        return config;
    }

    /** This host's loop: its view, gate, router and audit log. */
    public Ops ops() {
        return ops;
    }

    /** The API tokens of this host. */
    public TokenStore tokens() {
        return tokens;
    }

    AgentMetrics metrics() {
        return metrics;
    }

    ChatEngine chat() {
        return chat;
    }

    /**
     * Stops the HTTP server first (no request can act any more), then the loop (sampling stops,
     * checkpoints are saved, the audit log closes last), then chat and the tokens.
     */
    @Override
    public synchronized void close() {
        if (http != null) {
            http.stop();
            http = null;
        }
        if (ops != null) {
            ops.close();
            ops = null;
        }
        if (chat != null) {
            chat.close();
            chat = null;
        }
        if (tokens != null) {
            tokens.close();
            tokens = null;
        }
        logs.detach();
    }

    /** Options for an {@link Agent}. */
    public static final class Builder {
        private final AgentConfig config;
        private InstantSource clock = InstantSource.system();
        private ProviderRegistry registry;
        private final List<MetricSource> sources = new ArrayList<>();
        private Consumer<String> adminTokenSink = token -> {};
        private HttpApi.BindResolver bindResolver = InetAddress::getByName;

        private Builder(AgentConfig config) {
            this.config = Objects.requireNonNull(config);
        }

        public Builder clock(InstantSource c) {
            this.clock = Objects.requireNonNull(c);
            return this;
        }

        /** The plugins to use; by default those discovered on the agent's class path. */
        public Builder registry(ProviderRegistry r) {
            this.registry = Objects.requireNonNull(r);
            return this;
        }

        /** A source instance to watch besides the configured ones (embedding apps, tests). */
        public Builder source(MetricSource s) {
            sources.add(Objects.requireNonNull(s));
            return this;
        }

        /**
         * Where the admin token generated on first start goes (it is shown once, never logged);
         * the command line prints it.
         */
        public Builder onFirstAdminToken(Consumer<String> sink) {
            this.adminTokenSink = Objects.requireNonNull(sink);
            return this;
        }

        /** How the bind name resolves to the address listened on; DNS and the hosts file unless a test says otherwise. */
        Builder bindResolver(HttpApi.BindResolver r) {
            this.bindResolver = Objects.requireNonNull(r);
            return this;
        }

        public Agent build() {
            if (registry == null) {
                registry = ProviderRegistry.builder()
                        .discover(Agent.class.getClassLoader())
                        .build();
            }
            return new Agent(this);
        }
    }
}
