package io.smartcloudops.examples.agent;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.audit.AuditKind;
import io.smartcloudops.api.audit.AuditLog;
import io.smartcloudops.api.audit.AuditRecord;
import io.smartcloudops.api.chat.ChatEngine;
import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.detect.DetectorSettings;
import io.smartcloudops.api.detect.Direction;
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
import io.smartcloudops.remediate.action.ProcessCommandRunner;
import io.smartcloudops.remediate.action.RestartServiceAction;
import io.smartcloudops.remediate.audit.SqliteAuditLog;
import io.smartcloudops.remediate.policy.AlertRemediator;
import io.smartcloudops.remediate.policy.PolicyGate;
import io.smartcloudops.remediate.rules.Rule;
import io.smartcloudops.remediate.rules.RuleEngine;
import io.smartcloudops.remediate.rules.RuleFileLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
    static final String DEFAULT_RULES = "/io/smartcloudops/examples/agent/default-rules.yml";

    private final AgentConfig config;
    private final InstantSource clock;
    private final ProviderRegistry registry;
    private final List<MetricSource> extraSources;
    private final RecentLogs logs = new RecentLogs(2_000);
    private final List<MetricSource> sources = new ArrayList<>();
    private AuditLog audit;
    private DetectionPipeline pipeline;
    private RuleEngine ruleEngine;
    private PolicyGate gate;
    private AlertRemediator remediator;
    private AgentView view;
    private AgentMetrics metrics;
    private ChatEngine chat;
    private HttpApi http;
    private ScheduledExecutorService scheduler;

    private Agent(Builder b) {
        this.config = b.config;
        this.clock = b.clock;
        this.registry = b.registry;
        this.extraSources = List.copyOf(b.sources);
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
        audit = SqliteAuditLog.open(config.dataDir().resolve("audit.db"), clock);
        ProviderContext base = ProviderContext.builder().clock(clock).dataDir(config.dataDir()).build();

        DetectorFactory factory = registry.provider(DetectorProvider.class, config.detector())
                .create(base.withConfig(config.detectorSettings()));
        pipeline = DetectionPipeline.builder(factory)
                .anomalyThreshold(config.anomalyThreshold())
                .settings(id -> DetectorSettings.defaults().withDirection(directionOf(id.name())))
                .build();
        ruleEngine = new RuleEngine(loadRules(), Duration.ofMinutes(5));
        view = new AgentView(clock, pipeline, ruleEngine, audit, logs);
        metrics = new AgentMetrics(pipeline::seriesCount, ruleEngine::activeAlerts);
        gate = PolicyGate.builder(audit, clock)
                .mode(config.actionMode())
                .cooldown(config.cooldown())
                .action(new RestartServiceAction(new ProcessCommandRunner(), config.systemctl(), Duration.ofSeconds(60)))
                .listener(this::onActionResult)
                .build();
        remediator = new AlertRemediator(ruleEngine::rules, gate);

        for (Map.Entry<String, io.smartcloudops.api.spi.ProviderConfig> s : config.sources().entrySet()) {
            sources.add(registry.provider(MetricSourceProvider.class, s.getKey()).create(base.withConfig(s.getValue())));
        }
        sources.addAll(extraSources);
        chat = registry.provider(ChatEngineProvider.class, config.chatEngine()).create(base, view, gate);

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
        LOG.info("agent started: detector={}, mode={}, sources={}, rules={}", config.detector(), config.actionMode(),
                sources.stream().map(MetricSource::name).toList(), ruleEngine.rules().size());
    }

    /** CPU, load, latency and error rates matter when they rise; the rest both ways. */
    private static Direction directionOf(String metric) {
        return metric.contains("cpu") || metric.contains("load") || metric.contains("latency") || metric.contains("error")
                ? Direction.UP : Direction.BOTH;
    }

    private List<Rule> loadRules() {
        RuleFileLoader loader = new RuleFileLoader();
        if (config.rulesFile().isPresent()) {
            return loader.load(config.rulesFile().get());
        }
        try (InputStream in = Agent.class.getResourceAsStream(DEFAULT_RULES)) {
            Objects.requireNonNull(in, "default rules are packaged with the agent");
            return loader.parse("default-rules.yml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigException("cannot read the packaged default rules: " + e.getMessage(), e);
        }
    }

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.error("sampling round failed; the next round will try again", e);
        }
    }

    /** One round: poll every source, score, evaluate rules, remediate. */
    void tick() {
        for (MetricSource source : sources) {
            SampleBatch batch;
            try {
                batch = source.poll();
                view.sourceHealth(source.name(), "ok");
            } catch (RuntimeException e) { // MetricSourceException, and whatever a faulty plugin throws
                metrics.sourceError(source.name());
                view.sourceHealth(source.name(), "stale: " + e.getMessage());
                LOG.warn("source {} failed: {}", source.name(), e.getMessage());
                continue;
            }
            metrics.ingested(batch.source(), batch.size());
            for (Sample s : batch.samples()) {
                ingest(s);
            }
        }
        for (Alert changed : ruleEngine.evaluate(clock.instant())) {
            onAlertTransition(changed);
        }
    }

    private void ingest(Sample s) {
        ScoredSample scored = pipeline.ingest(s);
        if (scored.verdict() != SampleVerdict.SCORED) {
            metrics.dropped(scored.verdict().name().toLowerCase(Locale.ROOT));
            return;
        }
        view.recordSample(s);
        ruleEngine.observe(s, scored.score());
        scored.anomaly().ifPresent(a -> {
            view.recordAnomaly(a);
            metrics.anomaly(a);
            LOG.warn("anomaly {} on {}: value {} ({}; expected {})", a.id(), a.series(), a.value(), a.score().reason(),
                    a.score().expected());
        });
    }

    private void onAlertTransition(Alert a) {
        Map<String, String> details = new LinkedHashMap<>(a.labels().asMap());
        details.put("value", String.valueOf(a.value()));
        details.put("fingerprint", a.fingerprint());
        audit.append(new AuditRecord(AuditKind.ALERT, "rules", a.name(), "alert", a.state().name().toLowerCase(Locale.ROOT),
                a.annotations().getOrDefault("summary", ""), details));
        LOG.info("alert {} {} {}", a.name(), a.state(), a.labels());
        remediator.onTransition(a);
    }

    private void onActionResult(ActionResult r) {
        view.recordAction(r);
        metrics.action(r);
        LOG.info("action {} on {}: {} ({})", r.action(), r.target(), r.outcome(), r.message());
    }

    public int port() {
        return http.port();
    }

    public AgentConfig config() {
        return config;
    }

    AgentView view() {
        return view;
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
        }
        if (http != null) {
            http.stop();
            http = null;
        }
        for (MetricSource s : sources) {
            s.close();
        }
        sources.clear();
        if (chat != null) {
            chat.close();
            chat = null;
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
        logs.detach();
    }

    /** Options for an {@link Agent}. */
    public static final class Builder {
        private final AgentConfig config;
        private InstantSource clock = InstantSource.system();
        private ProviderRegistry registry;
        private final List<MetricSource> sources = new ArrayList<>();

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

        public Agent build() {
            if (registry == null) {
                registry = ProviderRegistry.builder().discover(Agent.class.getClassLoader()).build();
            }
            return new Agent(this);
        }
    }
}
