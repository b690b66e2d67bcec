package io.smartcloudops.runtime;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.action.RemediationAction;
import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.audit.AuditKind;
import io.smartcloudops.api.audit.AuditLog;
import io.smartcloudops.api.audit.AuditRecord;
import io.smartcloudops.api.checkpoint.CheckpointStore;
import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.detect.DetectorSettings;
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
import io.smartcloudops.api.storage.PrivateFiles;
import io.smartcloudops.detect.pipeline.DetectionPipeline;
import io.smartcloudops.remediate.alerting.AlertRouter;
import io.smartcloudops.remediate.alerting.NotificationGroups;
import io.smartcloudops.remediate.alerting.Silences;
import io.smartcloudops.remediate.policy.AlertRemediator;
import io.smartcloudops.remediate.policy.KnownHosts;
import io.smartcloudops.remediate.policy.PolicyGate;
import io.smartcloudops.remediate.rules.RuleEngine;
import io.smartcloudops.remediate.rules.RuleReloader;
import io.smartcloudops.remediate.state.SqliteSafetyState;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts one loop is made of, built from its settings and the builder's explicit choices by
 * {@link #open} (the data directory, the audit log, the detection pipeline and its checkpoints,
 * the audit archive, rules, notifiers, the safety state, the gate and its actions, the router,
 * the view, the sources), and closed by {@link #close} in the order that loses nothing: actions
 * under way, checkpoints, sources, notifications, actions, state, and last the audit log. A part
 * that was never opened (because opening failed earlier) is skipped. {@link Ops} runs the loop
 * over them.
 */
final class LoopParts {
    private static final Logger LOG = LoggerFactory.getLogger(Ops.class);
    /** Prometheus' TSDB, too, refuses samples more than about ten minutes ahead. */
    private static final Duration MAX_FUTURE_SKEW = Duration.ofMinutes(10);

    private final RuntimeConfig config;
    private final InstantSource clock;
    private final Listeners listeners;
    private final ComponentHealth health;
    // Set one by one by open(), so that close() can close whatever a failing open got to; Ops reads them.
    final List<MetricSource> sources = new ArrayList<>();
    final List<SourcePoller> pollers = new ArrayList<>();
    HealthTrackingAuditLog audit;
    DetectionPipeline pipeline;
    CheckpointSchedule checkpoints;
    CheckpointStore checkpointStore;
    AuditArchiveSchedule archive;
    RuleEngine ruleEngine;
    RuleReloader rules;
    NotifierFanout notifications;
    NotificationGroups alertNotifications;
    PolicyGate gate;
    AlertRouter router;
    final RemediationLane remediation = new RemediationLane();
    /** Silences, cooldowns, rate windows, idempotency keys, breakers and pending approvals, beside the audit log. */
    SqliteSafetyState safety;

    LiveView view;

    LoopParts(RuntimeConfig config, InstantSource clock, Listeners listeners, ComponentHealth health) {
        this.config = config;
        this.clock = clock;
        this.listeners = listeners;
        this.health = health;
    }

    /**
     * Opens every component in dependency order; on failure the caller closes what was opened.
     *
     * @param forgetSeries told of each series the pipeline evicts
     * @param onActionResult told of every result of the gate
     * @param openAlerts the loop's open alerts, for the view
     */
    void open(
            OpsBuilder b,
            Consumer<SeriesId> forgetSeries,
            Consumer<ActionResult> onActionResult,
            Supplier<List<Alert>> openAlerts) {
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
            detection.evictIdle(clock, limits.idle()).onEvicted(forgetSeries);
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
        notifications = new NotifierFanout(
                notifiers,
                (notifier, outcome) -> {
                    listeners.notification(notifier, outcome);
                    health.record(
                            "notifier " + notifier,
                            outcome.equals("sent") ? ComponentHealth.OK : "last notification " + outcome);
                },
                NotifierFanout.QUEUE_CAPACITY,
                clock);
        safety = SqliteSafetyState.open(config.dataDir().resolve("state.db"), clock);
        HealthTrackingSafetyState watchedSafety = new HealthTrackingSafetyState(safety, health);
        PolicyGate.Builder gateBuilder = PolicyGate.builder(audit, clock)
                .state(watchedSafety)
                .fourEyes(config.fourEyes())
                .mode(config.actionMode())
                .cooldown(config.cooldown())
                .listener(onActionResult)
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
        view = new LiveView(
                clock,
                pipeline,
                openAlerts,
                audit,
                b.logs,
                config.series().recentPoints(),
                config.series().hourlyHistory());

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

    /** Closes what was opened; the loop's own sampling has stopped before. */
    void close() {
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
