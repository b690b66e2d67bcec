package io.smartcloudops.examples.agent;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.audit.AuditKind;
import io.smartcloudops.api.audit.AuditLog;
import io.smartcloudops.api.audit.AuditRecord;
import io.smartcloudops.api.chat.ChatEngine;
import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.detect.DetectorSettings;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SampleBatch;
import io.smartcloudops.api.source.MetricSource;
import io.smartcloudops.api.spi.ChatEngineProvider;
import io.smartcloudops.api.spi.DetectorProvider;
import io.smartcloudops.api.spi.MetricSourceProvider;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.api.spi.ProviderRegistry;
import io.smartcloudops.detect.pipeline.DetectionPipeline;
import io.smartcloudops.detect.pipeline.SampleVerdict;
import io.smartcloudops.detect.pipeline.ScoredSample;
import io.smartcloudops.api.notify.Notifier;
import io.smartcloudops.api.spi.NotifierProvider;
import io.smartcloudops.remediate.alerting.AlertRouter;
import io.smartcloudops.remediate.audit.SqliteAuditLog;
import io.smartcloudops.remediate.policy.AlertRemediator;
import io.smartcloudops.remediate.policy.PolicyGate;
import io.smartcloudops.remediate.rules.RuleEngine;
import io.smartcloudops.remediate.rules.RuleFileException;
import io.smartcloudops.remediate.rules.RuleReloader;
import io.smartcloudops.remediate.rules.RuleSet;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The all-in-one agent: sources → detection → rules → policy gate → audit, with an HTTP API and
 * ChatOps on top. Everything is an instance; two agents can run in one JVM.
 *
 * <pre>{@code
 * try (Agent agent = Agent.builder(AgentConfig.defaults()).build().start()) {
 *     System.out.println("listening on " + agent.port());
 * }
 * }</pre>
 */
public final class Agent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

    private final AgentConfig config;
    private final InstantSource clock;
    private final ProviderRegistry registry;
    private final List<MetricSource> extraSources;
    private final java.util.function.Consumer<String> adminTokenSink;
    private final RecentLogs logs = new RecentLogs(2_000);
    private final List<MetricSource> sources = new ArrayList<>();
    private final List<SourcePoller> pollers = new ArrayList<>();
    private AuditLog audit;
    private DetectionPipeline pipeline;
    private RuleEngine ruleEngine;
    private RuleReloader rules;
    private PolicyGate gate;
    private AlertRouter router;
    private NotifierFanout notifications;
    private io.smartcloudops.remediate.alerting.NotificationGroups alertNotifications;
    private AgentView view;
    private io.smartcloudops.examples.link.HostView hostView;
    private io.smartcloudops.api.action.ActionGateway approvals;
    private AgentMetrics metrics;
    private ChatEngine chat;
    private HttpApi http;
    private TokenStore tokens;
    private ScheduledExecutorService scheduler;
    private CheckpointSchedule checkpoints;
    private final ComponentHealth health = new ComponentHealth();
    private boolean warmedUp;
    private static final Duration WARM_UP = Duration.ofHours(1);
    private static final Duration UPSTREAM_TIMEOUT = Duration.ofSeconds(5);
    /** Prometheus' TSDB, too, refuses samples more than about ten minutes ahead. */
    private static final Duration MAX_FUTURE_SKEW = Duration.ofMinutes(10);

    private Agent(Builder b) {
        this.config = b.config;
        this.clock = b.clock;
        this.registry = b.registry;
        this.extraSources = List.copyOf(b.sources);
        this.adminTokenSink = b.adminTokenSink;
    }

    public static Builder builder(AgentConfig config) {
        return new Builder(config);
    }

    /**
     * Opens the data directory and audit log, loads rules, starts the sources, the HTTP server and
     * the sampling loop. On any failure, what was started is stopped again and the error says what
     * to fix.
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

    private void startComponents() {
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new ConfigException("cannot create data directory " + config.dataDir().toAbsolutePath() + ": " + e.getMessage(), e);
        }
        if (!Files.isWritable(config.dataDir())) {
            throw new ConfigException("data directory " + config.dataDir().toAbsolutePath() + " is not writable");
        }
        audit = new HealthTrackingAuditLog(SqliteAuditLog.open(config.dataDir().resolve("audit.db"), clock), health);
        tokens = TokenStore.open(config.dataDir().resolve("tokens.db"));
        if (tokens.isEmpty()) {
            adminTokenSink.accept(tokens.create("admin", io.smartcloudops.api.action.Role.ADMIN, clock.instant()));
            audit.append(new AuditRecord(AuditKind.SYSTEM, "agent", "admin", "token", "created", "first start", Map.of()));
        }
        ProviderContext base = ProviderContext.builder().clock(clock).dataDir(config.dataDir()).build();

        DetectorFactory factory = registry.provider(DetectorProvider.class, config.detector())
                .create(base.withConfig(config.detectorSettings()));
        pipeline = DetectionPipeline.builder(factory)
                .anomalyThreshold(config.anomalyThreshold())
                .rejectFuture(clock, MAX_FUTURE_SKEW)
                .settings(id -> DetectorSettings.defaults().withDirection(DefaultRulePack.directionOf(id.name())))
                .build();
        checkpoints = new CheckpointSchedule(new DetectorCheckpoints(config.dataDir()), pipeline, config.checkpointInterval());
        checkpoints.restore();
        ruleEngine = new RuleEngine(List.of(), Duration.ofMinutes(5));
        rules = config.rulesFile().isPresent()
                ? RuleReloader.fromFile(config.rulesFile().get(), set -> ruleEngine.replaceRules(set.rules()))
                : RuleReloader.fixed(DefaultRulePack.load(), set -> ruleEngine.replaceRules(set.rules()));
        metrics = new AgentMetrics(pipeline::seriesCount, this::openAlerts);
        List<Notifier> notifiers = new ArrayList<>();
        config.notifiers().forEach((name, settings) ->
                notifiers.add(registry.provider(NotifierProvider.class, name).create(base.withConfig(settings))));
        notifications = new NotifierFanout(notifiers, (notifier, outcome) -> {
            metrics.notification(notifier, outcome);
            health.record("notifier " + notifier, outcome.equals("sent") ? ComponentHealth.OK : "last notification " + outcome);
        });
        PolicyGate.Builder gateBuilder = PolicyGate.builder(audit, clock)
                .mode(config.actionMode())
                .cooldown(config.cooldown())
                .listener(this::onActionResult)
                .suppressionListener(metrics::suppressed)
                .escalationListener(notifications);
        io.smartcloudops.remediate.alerting.Silences silences = new io.smartcloudops.remediate.alerting.Silences();
        ActionCatalog.build(config, registry, base, silences).forEach(gateBuilder::action);
        gate = gateBuilder.build();
        alertNotifications = io.smartcloudops.remediate.alerting.NotificationGroups.start(config.grouping(), clock, notifications);
        router = AlertRouter.builder(audit, clock, new AlertRemediator(rules::current, gate))
                .silences(silences)
                .ruleAlerts(ruleEngine::activeAlerts)
                .grouping(alertNotifications)
                .suppressionListener(metrics::suppressed)
                .build();
        view = new AgentView(clock, pipeline, this::openAlerts, audit, logs);
        if (config.upstream().isPresent()) {
            // the application host of a pair: it answers about the whole deployment from the
            // monitor's state, and its chat proposes through the monitor's gate
            var monitor = new io.smartcloudops.examples.link.PeerClient(config.upstream().get(), UPSTREAM_TIMEOUT);
            hostView = new io.smartcloudops.examples.link.RemoteOpsView(monitor);
            approvals = new io.smartcloudops.examples.link.RemoteActionGateway(monitor, clock);
        } else {
            hostView = view;
            approvals = gate;
        }

        for (Map.Entry<String, io.smartcloudops.api.spi.ProviderConfig> s : config.sources().entrySet()) {
            sources.add(registry.provider(MetricSourceProvider.class, s.getKey()).create(base.withConfig(s.getValue())));
        }
        sources.addAll(extraSources);
        sources.forEach(src -> pollers.add(new SourcePoller(src)));
        chat = registry.provider(ChatEngineProvider.class, config.chatEngine()).create(base.withConfig(config.chatSettings()), hostView, approvals);

        audit.append(new AuditRecord(AuditKind.SYSTEM, "agent", "agent", "start", "ok", "agent started",
                Map.of("mode", config.actionMode().name().toLowerCase(Locale.ROOT), "detector", config.detector(),
                        "sources", String.join(",", sources.stream().map(MetricSource::name).toList()))));
        http = new HttpApi(this);
        http.start(config.bind(), config.port());
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sco-agent-loop");
            t.setDaemon(true);
            return t;
        });
        long every = config.sampleInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::safeTick, 0, every, TimeUnit.MILLISECONDS);
        LOG.info("agent started: detector={}, mode={}, sources={}, rules={}, upstream={}, remotes={}", config.detector(),
                config.actionMode(), sources.stream().map(MetricSource::name).toList(), ruleEngine.rules().size(),
                config.upstream().map(Object::toString).orElse("none"), config.remotes().keySet());
    }

    /** Pending and firing alerts from our rules and from Alertmanager, most urgent first. */
    List<io.smartcloudops.api.alert.Alert> openAlerts() {
        List<io.smartcloudops.api.alert.Alert> all = new ArrayList<>(ruleEngine.activeAlerts());
        all.addAll(router.externalAlerts());
        all.sort(java.util.Comparator.comparing(io.smartcloudops.api.alert.Alert::severity).reversed()
                .thenComparing(a -> a.state() == io.smartcloudops.api.alert.AlertState.FIRING ? 0 : 1)
                .thenComparing(io.smartcloudops.api.alert.Alert::activeSince));
        return all;
    }

    /**
     * Reads the rule file again; on a bad file the rules in force stay.
     *
     * @throws RuleFileException naming every problem
     */
    RuleSet reloadRules() {
        RuleSet set = rules.reload();
        audit.append(new AuditRecord(AuditKind.SYSTEM, "agent", "rules", "reload", "ok",
                set.rules().size() + " rules, " + set.policies().size() + " policies", Map.of()));
        return set;
    }

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException | LinkageError e) {
            // An escaping throwable would cancel the schedule for good; a bad round must not stop the agent.
            LOG.error("sampling round failed; the next round will try again", e);
        }
    }

    /**
     * Warms the detectors with each source's history, so a restarted agent is useful at once. The
     * rules see the history too (for {@code absent} and staleness) but are not evaluated on it:
     * old trouble raises no alert now.
     */
    private void warmUp() {
        for (SourcePoller poller : pollers) {
            MetricSource source = poller.source();
            try {
                SourcePoller.Outcome got = poller.backfill(WARM_UP, Duration.ofSeconds(60));
                if (!got.ok()) {
                    LOG.warn("no history from {}: {}", source.name(), got.problem());
                    continue;
                }
                SampleBatch history = got.batch();
                for (Sample s : history.samples()) {
                    ScoredSample scored = pipeline.ingest(s);
                    if (scored.verdict() == SampleVerdict.SCORED) {
                        view.recordSample(s, scored.score());
                        ruleEngine.observe(s, null);
                    }
                }
                if (!history.isEmpty()) {
                    LOG.info("warmed detectors with {} samples of history from {}", history.size(), source.name());
                }
            } catch (RuntimeException e) {
                LOG.warn("no history from {}: {}", source.name(), e.getMessage());
            }
        }
    }

    /** A poll may take the sample interval, at least a second and at most thirty. */
    private Duration pollTimeout() {
        Duration d = config.sampleInterval();
        return d.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : d.compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : d;
    }

    /** One round: poll every source, score, evaluate rules, remediate. */
    void tick() {
        if (!warmedUp) {
            warmedUp = true;
            warmUp();
        }
        try {
            rules.reloadIfChanged().ifPresent(set -> LOG.info("rules reloaded: {} rules, {} policies", set.rules().size(), set.policies().size()));
        } catch (RuleFileException e) {
            LOG.error("rule file changed but was rejected; the rules in force stay. {}", e.getMessage());
        }
        for (SourcePoller poller : pollers) {
            MetricSource source = poller.source();
            SourcePoller.Outcome got = poller.poll(pollTimeout());
            if (!got.ok()) { // MetricSourceException, a hang, or whatever a faulty plugin threw
                metrics.sourceError(source.name());
                view.sourceHealth(source.name(), "stale: " + got.problem());
                LOG.warn("source {} failed: {}", source.name(), got.problem());
                continue;
            }
            view.sourceHealth(source.name(), "ok");
            SampleBatch batch = got.batch();
            metrics.ingested(batch.source(), batch.size());
            for (Sample s : batch.samples()) {
                ingest(s);
            }
        }
        router.onTransitions(ruleEngine.evaluate(clock.instant()));
        checkpoints.maybeSave(clock.instant());
        health.record("detector checkpoint", checkpoints.health());
    }

    private void ingest(Sample s) {
        ScoredSample scored = pipeline.ingest(s);
        if (scored.verdict() != SampleVerdict.SCORED) {
            metrics.dropped(scored.verdict().name().toLowerCase(Locale.ROOT));
            return;
        }
        view.recordSample(s, scored.score());
        metrics.scored(s.series(), scored.score().value());
        ruleEngine.observe(s, scored.score());
        scored.anomaly().ifPresent(a -> {
            view.recordAnomaly(a);
            metrics.anomaly(a);
            LOG.warn("anomaly {} on {}: value {} ({}; expected {})", a.id(), a.series(), a.value(), a.score().reason(),
                    a.score().expected());
        });
    }

    private void onActionResult(ActionResult r) {
        view.recordAction(r);
        metrics.action(r);
        LOG.info("action {} on {}: {} ({})", r.action(), r.target(), r.outcome(), r.message());
    }

    java.time.Instant now() {
        return clock.instant();
    }

    public int port() {
        return http.port();
    }

    public AgentConfig config() {
        return config;
    }

    /** This agent's own state. */
    AgentView view() {
        return view;
    }

    /** What the API and chat answer from: this agent's state, or its upstream monitor's. */
    io.smartcloudops.examples.link.HostView hostView() {
        return hostView;
    }

    /** The gate that chat and the approval endpoints use: this agent's, or its upstream monitor's. */
    io.smartcloudops.api.action.ActionGateway approvals() {
        return approvals;
    }

    ComponentHealth health() {
        return health;
    }

    AgentMetrics metrics() {
        return metrics;
    }

    ChatEngine chat() {
        return chat;
    }

    PolicyGate gate() {
        return gate;
    }

    TokenStore tokens() {
        return tokens;
    }

    AlertRouter router() {
        return router;
    }

    AuditLog audit() {
        return audit;
    }

    /**
     * Stops sampling first, lets a running round finish, then closes the HTTP server, the sources
     * and last the audit log, so every entry acknowledged before is on disk.
     */
    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdown();
            try {
                if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
                    scheduler.shutdownNow();
                }
            } catch (InterruptedException e) {
                scheduler.shutdownNow();
                Thread.currentThread().interrupt();
            }
            scheduler = null;
            if (checkpoints != null && !config.checkpointInterval().isZero()) {
                checkpoints.save(); // the loop has stopped: nothing scores while the last states are written
            }
        }
        if (http != null) {
            http.stop();
            http = null;
        }
        pollers.forEach(SourcePoller::close);
        pollers.clear();
        sources.clear();
        if (chat != null) {
            chat.close();
            chat = null;
        }
        if (alertNotifications != null) {
            alertNotifications.close(); // sends what still waits for its group, before the notifiers close
            alertNotifications = null;
        }
        if (notifications != null) {
            notifications.close();
            notifications = null;
        }
        if (gate != null) {
            ActionCatalog.close(gate.actions());
            gate = null;
        }
        if (audit != null) {
            try {
                audit.append(new AuditRecord(AuditKind.SYSTEM, "agent", "agent", "stop", "ok", "agent stopped", Map.of()));
            } catch (RuntimeException e) {
                LOG.warn("could not record the stop in the audit log: {}", e.getMessage());
            }
            audit.close();
            audit = null;
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
        private java.util.function.Consumer<String> adminTokenSink = token -> { };

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
        public Builder onFirstAdminToken(java.util.function.Consumer<String> sink) {
            this.adminTokenSink = Objects.requireNonNull(sink);
            return this;
        }

        public Agent build() {
            if (registry == null) {
                registry = ProviderRegistry.builder().discover(Agent.class.getClassLoader()).build();
            }
            return new Agent(this);
        }
    }
}
