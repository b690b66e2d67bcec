package io.smartcloudops.runtime;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.action.RemediationAction;
import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.alert.AlertState;
import io.smartcloudops.api.audit.AuditKind;
import io.smartcloudops.api.audit.AuditLog;
import io.smartcloudops.api.audit.AuditRecord;
import io.smartcloudops.api.checkpoint.CheckpointStore;
import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.detect.DetectorSettings;
import io.smartcloudops.api.forecast.SeriesForecast;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SampleBatch;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.api.notify.Notifier;
import io.smartcloudops.api.source.MetricSource;
import io.smartcloudops.api.spi.AuditArchiveProvider;
import io.smartcloudops.api.spi.AuditLogProvider;
import io.smartcloudops.api.spi.CheckpointStoreProvider;
import io.smartcloudops.api.spi.DetectorProvider;
import io.smartcloudops.api.spi.MetricSourceProvider;
import io.smartcloudops.api.spi.NotifierProvider;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.api.spi.ProviderRegistry;
import io.smartcloudops.api.storage.PrivateFiles;
import io.smartcloudops.detect.pipeline.DetectionPipeline;
import io.smartcloudops.detect.pipeline.SampleVerdict;
import io.smartcloudops.detect.pipeline.ScoredSample;
import io.smartcloudops.remediate.alerting.AlertRouter;
import io.smartcloudops.remediate.alerting.NotificationGroups;
import io.smartcloudops.remediate.alerting.Silences;
import io.smartcloudops.remediate.policy.AlertRemediator;
import io.smartcloudops.remediate.policy.KnownHosts;
import io.smartcloudops.remediate.policy.PolicyGate;
import io.smartcloudops.remediate.rules.RuleEngine;
import io.smartcloudops.remediate.rules.RuleFileException;
import io.smartcloudops.remediate.rules.RuleReloader;
import io.smartcloudops.remediate.rules.RuleSet;
import io.smartcloudops.remediate.state.SqliteSafetyState;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop, embeddable: sources → detection (one state per series) → anomalies → rules → alerts →
 * the policy gate → actions → audit and notifiers. One instance is one independent loop; two can
 * run in one JVM.
 *
 * <p>{@link OpsBuilder#build()} opens what the loop needs (the data directory, the audit log, the
 * detector checkpoints, rules, sources, notifiers, actions) and fails with a {@link ConfigException}
 * saying what to fix. Then samples arrive either by {@link #ingest(Sample) push}, or from the
 * configured sources: every {@code sampleInterval} once {@link #start() started}, or one round at
 * a time with {@link #runOnce(Instant)} (for simulated clocks and backtests).
 *
 * <pre>{@code
 * try (Ops ops = Ops.builder()
 *         .clock(clock)
 *         .dataDir(dir)
 *         .mode(ActionMode.DRY_RUN)
 *         .listener(myListener)
 *         .build()) {
 *     ops.ingest(new Sample(SeriesId.of("queue_depth"), clock.millis(), 12));
 *     ops.runOnce(clock.instant()); // evaluates rules and remediates through the gate
 * }
 * }</pre>
 *
 * <p>Concurrency: ingesting and rounds are serialised by one lock, so pushed samples and polled
 * ones never interleave inside a series; the views ({@link #view()}, {@link #gate()}) may be read
 * from any thread at any time.
 */
public final class Ops implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Ops.class);
    private static final Duration WARM_UP = Duration.ofHours(1);
    /** Prometheus' TSDB, too, refuses samples more than about ten minutes ahead. */
    private static final Duration MAX_FUTURE_SKEW = Duration.ofMinutes(10);

    private final RuntimeConfig config;
    private final InstantSource clock;
    private final Listeners listeners;
    private final ComponentHealth health = new ComponentHealth();
    private final ReentrantLock loop = new ReentrantLock();
    private final List<MetricSource> sources = new ArrayList<>();
    private final List<SourcePoller> pollers = new ArrayList<>();
    private HealthTrackingAuditLog audit;
    private DetectionPipeline pipeline;
    private CheckpointSchedule checkpoints;
    private CheckpointStore checkpointStore;
    private AuditArchiveSchedule archive;
    private RuleEngine ruleEngine;
    private RuleReloader rules;
    private NotifierFanout notifications;
    private NotificationGroups alertNotifications;
    private PolicyGate gate;
    private AlertRouter router;
    private final RemediationLane remediation = new RemediationLane();
    /** Silences, cooldowns, rate windows, idempotency keys, breakers and pending approvals, beside the audit log. */
    private SqliteSafetyState safety;

    private LiveView view;
    private ScheduledExecutorService scheduler;
    private boolean warmedUp;
    private static final Duration IDLE_SWEEP = Duration.ofMinutes(1);
    private Instant lastIdleSweep = Instant.MIN;

    Ops(OpsBuilder b) {
        this.config = b.config.build();
        this.clock = b.clock;
        this.listeners = new Listeners(b.listeners);
        try {
            open(b);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** A loop with the plugins found on this class's class path. */
    public static OpsBuilder builder() {
        return builder(
                ProviderRegistry.builder().discover(Ops.class.getClassLoader()).build());
    }

    /** A loop with the plugins of {@code registry}. */
    public static OpsBuilder builder(ProviderRegistry registry) {
        return new OpsBuilder(registry);
    }

    private void open(OpsBuilder b) {
        try {
            PrivateFiles.directory(config.dataDir());
        } catch (IOException e) {
            throw new ConfigException(
                    "cannot create data directory " + config.dataDir().toAbsolutePath() + ": " + e.getMessage(), e);
        }
        if (!Files.isWritable(config.dataDir())) {
            throw new ConfigException("data directory " + config.dataDir().toAbsolutePath() + " is not writable");
        }
        ProviderContext base =
                ProviderContext.builder().clock(clock).dataDir(config.dataDir()).build();
        audit = new HealthTrackingAuditLog(
                b.registry.provider(AuditLogProvider.class, b.auditLog).open(base.withConfig(config.audit())), health);

        DetectorFactory factory = b.detectorFactory != null
                ? b.detectorFactory
                : b.registry
                        .provider(DetectorProvider.class, config.detector())
                        .create(base.withConfig(config.detectorSettings()));
        DetectionPipeline.Builder detection = DetectionPipeline.builder(factory);
        SeriesLimits limits = config.series();
        detection.maxSeries(limits.max());
        if (limits.evicts()) {
            detection.evictIdle(clock, limits.idle()).onEvicted(this::forgetSeries);
        }
        pipeline = detection
                .anomalyThreshold(config.anomalyThreshold())
                .rejectFuture(clock, MAX_FUTURE_SKEW)
                .settings(id -> DetectorSettings.defaults()
                        .withDirection(config.directions().of(id)))
                .build();
        ProviderConfig storeConfig = config.checkpoints();
        checkpointStore = b.registry
                .provider(CheckpointStoreProvider.class, storeConfig.string("store", "file"))
                .open(base.withConfig(storeConfig));
        checkpoints =
                new CheckpointSchedule(new DetectorCheckpoints(checkpointStore), pipeline, config.checkpointInterval());
        checkpoints.restore();
        if (config.auditArchive().has("store")) {
            ProviderConfig archiveConfig = config.auditArchive();
            ProviderContext withLog = ProviderContext.builder()
                    .clock(clock)
                    .dataDir(config.dataDir())
                    .service(AuditLog.class, audit)
                    .config(archiveConfig)
                    .build();
            archive = new AuditArchiveSchedule(
                    b.registry
                            .provider(AuditArchiveProvider.class, archiveConfig.requireString("store"))
                            .open(withLog),
                    archiveConfig.duration("interval", Duration.ofHours(1)),
                    health);
        }

        ruleEngine = new RuleEngine(List.of(), Duration.ofMinutes(5), config.anomalyThreshold());
        if (b.rules != null) {
            rules = RuleReloader.fixed(b.rules, set -> ruleEngine.replaceRules(set.rules()));
        } else if (config.rulesFile().isPresent()) {
            rules = RuleReloader.fromFile(config.rulesFile().get(), set -> ruleEngine.replaceRules(set.rules()));
        } else {
            rules = RuleReloader.fixed(DefaultRulePack.load(), set -> ruleEngine.replaceRules(set.rules()));
        }

        List<Notifier> notifiers = new ArrayList<>();
        config.notifiers()
                .forEach((name, settings) -> notifiers.add(
                        b.registry.provider(NotifierProvider.class, name).create(base.withConfig(settings))));
        notifications = new NotifierFanout(notifiers, (notifier, outcome) -> {
            listeners.notification(notifier, outcome);
            health.record(
                    "notifier " + notifier,
                    outcome.equals("sent") ? ComponentHealth.OK : "last notification " + outcome);
        });
        safety = SqliteSafetyState.open(config.dataDir().resolve("state.db"), clock);
        HealthTrackingSafetyState watchedSafety = new HealthTrackingSafetyState(safety, health);
        PolicyGate.Builder gateBuilder = PolicyGate.builder(audit, clock)
                .state(watchedSafety)
                .fourEyes(config.fourEyes())
                .mode(config.actionMode())
                .cooldown(config.cooldown())
                .listener(this::onActionResult)
                .suppressionListener(listeners::suppressed)
                .escalationListener(notifications);
        if (b.sleeper != null) {
            gateBuilder.sleeper(b.sleeper);
        }
        if (b.rateLimits != null) {
            gateBuilder.rateLimits(b.rateLimits.perTarget(), b.rateLimits.global(), b.rateLimits.window());
        }
        Silences silences = new Silences(watchedSafety, clock.instant());
        List<RemediationAction> actions = new ArrayList<>(ActionCatalog.build(config, b.registry, base, silences));
        for (RemediationAction extra : b.actions) {
            actions.removeIf(a -> a.name().equals(extra.name()));
            actions.add(extra);
        }
        actions.stream().map(b.actionDecorator).forEach(gateBuilder::action);
        gate = gateBuilder.build();
        alertNotifications = NotificationGroups.start(config.grouping(), clock, notifications);
        List<String> hosts = new ArrayList<>(config.knownHosts());
        hosts.addAll(b.knownHosts);
        router = AlertRouter.builder(audit, clock, new AlertRemediator(rules::current, gate, KnownHosts.of(hosts)))
                .silences(silences)
                .ruleAlerts(ruleEngine::activeAlerts)
                .grouping(alertNotifications)
                .suppressionListener(listeners::suppressed)
                .remediationLane(remediation)
                .build();
        view = new LiveView(clock, pipeline, this::openAlerts, audit, b.logs);

        for (Map.Entry<String, ProviderConfig> s : config.sources().entrySet()) {
            sources.add(
                    b.registry.provider(MetricSourceProvider.class, s.getKey()).create(base.withConfig(s.getValue())));
        }
        sources.addAll(b.sources);
        sources.forEach(src -> pollers.add(new SourcePoller(src)));
        audit.append(new AuditRecord(
                AuditKind.SYSTEM,
                "agent",
                "agent",
                "start",
                "ok",
                "agent started",
                Map.of(
                        "mode",
                        config.actionMode().name().toLowerCase(Locale.ROOT),
                        "detector",
                        pipeline.detectorName(),
                        "sources",
                        String.join(
                                ",", sources.stream().map(MetricSource::name).toList()))));
    }

    /**
     * Polls the sources every {@code sampleInterval} on a thread of the loop's own, from now on.
     *
     * @return this loop
     */
    public synchronized Ops start() {
        if (scheduler != null) {
            return this;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sco-loop");
            t.setDaemon(true);
            return t;
        });
        remediation.start();
        scheduler.scheduleWithFixedDelay(
                this::safeRound, 0, config.sampleInterval().toMillis(), TimeUnit.MILLISECONDS);
        if (archive != null) {
            archive.start();
        }
        LOG.info(
                "loop started: detector={}, mode={}, sources={}, rules={}",
                pipeline.detectorName(),
                config.actionMode(),
                sources.stream().map(MetricSource::name).toList(),
                ruleEngine.rules().size());
        return this;
    }

    /**
     * Scores one pushed sample (the rules see it at the next {@link #runOnce round}).
     *
     * @return what the pipeline made of it: scored (maybe an anomaly) or dropped, with the reason
     */
    public ScoredSample ingest(Sample sample) {
        Objects.requireNonNull(sample, "sample");
        loop.lock();
        try {
            return score(sample);
        } finally {
            loop.unlock();
        }
    }

    /** Scores a pushed batch in order; the listeners hear of it as a batch from its source. */
    public List<ScoredSample> ingest(SampleBatch batch) {
        Objects.requireNonNull(batch, "batch");
        loop.lock();
        try {
            listeners.batch(batch.source(), batch.size());
            List<ScoredSample> out = new ArrayList<>(batch.size());
            for (Sample s : batch.samples()) {
                out.add(score(s));
            }
            return out;
        } finally {
            loop.unlock();
        }
    }

    /**
     * One round at {@code now}: reloads a changed rule file, polls every source once, evaluates
     * the rules, hands alert transitions to the router (and so to the gate), saves detector
     * checkpoints when due. A started loop runs this every {@code sampleInterval}; call it directly
     * on a loop that was not started, for example on a simulated clock.
     *
     * @return the alert transitions of this round
     */
    public List<Alert> runOnce(Instant now) {
        Objects.requireNonNull(now, "now");
        loop.lock();
        try {
            if (!warmedUp) {
                warmedUp = true;
                warmUp();
            }
            try {
                rules.reloadIfChanged(set -> auditReload(set, "rule-file-watch"))
                        .ifPresent(set -> LOG.info(
                                "rules reloaded: {} rules, {} policies",
                                set.rules().size(),
                                set.policies().size()));
            } catch (RuleFileException e) {
                LOG.error("rule file changed but was rejected; the rules in force stay. {}", e.getMessage());
            } catch (io.smartcloudops.api.audit.AuditException e) {
                LOG.error(
                        "rule file changed but its reload cannot be audited; the rules in force stay until it can: {}",
                        e.getMessage());
            }
            for (SourcePoller poller : pollers) {
                poll(poller);
            }
            List<Alert> changed = ruleEngine.evaluate(now);
            changed.forEach(listeners::alertTransition);
            router.onTransitions(changed);
            expireExternalAlerts();
            maybeEvictIdle(now);
            checkpoints.maybeSave(now);
            health.record("detector checkpoint", checkpoints.health());
            audit.refreshIntegrity();
            return changed;
        } finally {
            loop.unlock();
        }
    }

    /** Idle series are swept once a minute at most (a full table scan), or sooner when the table is full. */
    private void maybeEvictIdle(Instant now) {
        if (!config.series().evicts() || now.isBefore(lastIdleSweep.plus(IDLE_SWEEP))) {
            return;
        }
        lastIdleSweep = now;
        int n = pipeline.evictIdle();
        if (n > 0) {
            LOG.info(
                    "forgot {} series without a sample for {}",
                    n,
                    config.series().idle());
        }
    }

    private void forgetSeries(SeriesId id) {
        LiveView v = view;
        if (v != null) {
            v.forget(id);
        }
    }

    private void safeRound() {
        try {
            runOnce(clock.instant());
        } catch (RuntimeException | LinkageError e) {
            // An escaping throwable would cancel the schedule for good; a bad round must not stop the loop.
            LOG.error("sampling round failed; the next round will try again", e);
        }
    }

    private void poll(SourcePoller poller) {
        MetricSource source = poller.source();
        SourcePoller.Outcome got = poller.poll(pollTimeout());
        if (!got.ok()) { // MetricSourceException, a hang, or whatever a faulty plugin threw
            listeners.sourceError(source.name(), got.problem());
            view.sourceHealth(source.name(), "stale: " + got.problem());
            LOG.warn("source {} failed: {}", source.name(), got.problem());
            return;
        }
        view.sourceHealth(source.name(), "ok");
        SampleBatch batch = got.batch();
        listeners.batch(batch.source(), batch.size());
        for (Sample s : batch.samples()) {
            score(s);
        }
    }

    private ScoredSample score(Sample s) {
        ScoredSample scored = pipeline.ingest(s);
        if (scored.verdict() != SampleVerdict.SCORED) {
            listeners.dropped(s, scored.verdict());
            return scored;
        }
        view.recordSample(s, scored.score());
        listeners.scored(s, scored.score());
        ruleEngine.observe(s, scored.score());
        scored.anomaly().ifPresent(a -> {
            view.recordAnomaly(a);
            listeners.anomaly(a);
            LOG.warn(
                    "anomaly {} on {}: value {} ({}; expected {})",
                    a.id(),
                    a.series(),
                    a.value(),
                    a.score().reason(),
                    a.score().expected());
        });
        return scored;
    }

    /**
     * Warms the detectors with each source's history, so a restarted loop is useful at once. The
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
        return d.compareTo(Duration.ofSeconds(1)) < 0
                ? Duration.ofSeconds(1)
                : d.compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : d;
    }

    private void onActionResult(ActionResult r) {
        view.recordAction(r);
        listeners.action(r);
        LOG.info("action {} on {}: {} ({})", r.action(), r.target(), r.outcome(), r.message());
    }

    private void expireExternalAlerts() {
        try {
            router.expireExternalAlerts();
        } catch (io.smartcloudops.api.audit.AuditException e) {
            LOG.error(
                    "Alertmanager alerts are due to expire but that cannot be audited; they stay until it can: {}",
                    e.getMessage());
        }
    }

    /** Pending and firing alerts from the rules and from Alertmanager, most urgent first. */
    public List<Alert> openAlerts() {
        List<Alert> all = new ArrayList<>(ruleEngine.activeAlerts());
        all.addAll(router.externalAlerts());
        all.sort(Comparator.comparing(Alert::severity)
                .reversed()
                .thenComparing(a -> a.state() == AlertState.FIRING ? 0 : 1)
                .thenComparing(Alert::activeSince));
        return all;
    }

    /**
     * Reads the rule file again and audits the reload; on a bad file the rules in force stay.
     *
     * @throws RuleFileException naming every problem
     */
    public RuleSet reloadRules(String requestedBy) {
        return rules.reload(set -> auditReload(set, requestedBy));
    }

    /** Recorded before the new rules come into force: when the audit log cannot take it, the old rules stay. */
    private void auditReload(RuleSet set, String by) {
        audit.append(new AuditRecord(
                AuditKind.SYSTEM,
                by,
                "rules",
                "reload",
                "ok",
                set.rules().size() + " rules, " + set.policies().size() + " policies",
                Map.of()));
    }

    /** The rules and policies in force. */
    public RuleSet rules() {
        return rules.current();
    }

    public RuntimeConfig config() {
        return config;
    }

    /** The loop's clock. */
    public Instant now() {
        return clock.instant();
    }

    /**
     * Forecasts a series from the history the loop retains, with the seasonal forecaster chat and the
     * HTTP API use; the threshold is the metric's physical maximum (100 for a percentage) if it has one.
     * Empty for a series the loop has not seen.
     *
     * <pre>{@code
     * ops.forecast(SeriesId.of("node_disk_used_percent"), Duration.ofDays(1)).ifPresent(f -> System.out.println(f));
     * }</pre>
     */
    public Optional<SeriesForecast> forecast(SeriesId series, Duration horizon) {
        return view.forecast(series, horizon);
    }

    /** {@link #forecast(SeriesId, Duration)} with the time it reaches {@code threshold} (NaN: none). */
    public Optional<SeriesForecast> forecast(SeriesId series, Duration horizon, double threshold) {
        return view.forecast(series, horizon, threshold);
    }

    /** What the loop has seen and done, bounded in memory; the durable record is {@link #audit()}. */
    public HostView view() {
        return view;
    }

    /** The policy gate every action passes through: requests, approvals, denials. */
    public PolicyGate gate() {
        return gate;
    }

    /** Alerts from the rules and from Alertmanager, silences, inhibition and grouping. */
    public AlertRouter router() {
        return router;
    }

    public AuditLog audit() {
        return audit;
    }

    /** Components that are failing (audit log, checkpoints, notifiers, and what the host adds). */
    public ComponentHealth health() {
        return health;
    }

    public int seriesCount() {
        return pipeline.seriesCount();
    }

    /** The names of the sources polled each round. */
    public List<String> sourceNames() {
        return sources.stream().map(MetricSource::name).toList();
    }

    /**
     * Stops sampling first and lets a running round finish, saves the detector checkpoints, then
     * closes the sources, notifiers, actions and last the audit log, so every entry acknowledged
     * before is on disk.
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
        remediation.close(); // actions under way finish (or are interrupted) before their actions and the audit close
        if (checkpoints != null && !config.checkpointInterval().isZero()) {
            checkpoints.save(); // nothing scores any more while the last states are written
        }
        checkpoints = null;
        if (checkpointStore != null) {
            checkpointStore.close();
            checkpointStore = null;
        }
        pollers.forEach(SourcePoller::close);
        pollers.clear();
        sources.clear();
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
        if (safety != null) {
            safety.close();
            safety = null;
        }
        if (audit != null) {
            try {
                audit.append(
                        new AuditRecord(AuditKind.SYSTEM, "agent", "agent", "stop", "ok", "agent stopped", Map.of()));
            } catch (RuntimeException e) {
                LOG.warn("could not record the stop in the audit log: {}", e.getMessage());
            }
            if (archive != null) {
                archive.stopAndArchiveAll(); // the tail too, the stop entry included
                archive.close();
                archive = null;
            }
            audit.close();
            audit = null;
        }
    }
}
