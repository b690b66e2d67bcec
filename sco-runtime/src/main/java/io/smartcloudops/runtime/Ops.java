package io.smartcloudops.runtime;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.alert.AlertState;
import io.smartcloudops.api.audit.AuditKind;
import io.smartcloudops.api.audit.AuditLog;
import io.smartcloudops.api.audit.AuditRecord;
import io.smartcloudops.api.detect.AnomalyEvent;
import io.smartcloudops.api.forecast.SeriesForecast;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SampleBatch;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.api.source.MetricSource;
import io.smartcloudops.api.spi.ProviderRegistry;
import io.smartcloudops.detect.pipeline.SampleVerdict;
import io.smartcloudops.detect.pipeline.ScoredSample;
import io.smartcloudops.remediate.alerting.AlertRouter;
import io.smartcloudops.remediate.policy.PolicyGate;
import io.smartcloudops.remediate.rules.RuleEngine;
import io.smartcloudops.remediate.rules.RuleFileException;
import io.smartcloudops.remediate.rules.RuleSet;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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

    private final RuntimeConfig config;
    private final InstantSource clock;
    private final Listeners listeners;
    private final ComponentHealth health = new ComponentHealth();
    private final ReentrantLock loop = new ReentrantLock();
    private final AnomalyLog anomalyLog = new AnomalyLog(LOG);
    private final LoopParts parts;
    private ScheduledExecutorService scheduler;
    private boolean warmedUp;
    private static final Duration IDLE_SWEEP = Duration.ofMinutes(1);
    private Instant lastIdleSweep = Instant.MIN;

    Ops(OpsBuilder b) {
        this.config = b.config.build();
        this.clock = b.clock;
        this.listeners = new Listeners(b.listeners);
        this.parts = new LoopParts(config, clock, listeners, health);
        try {
            parts.open(b, this::forgetSeries, this::onActionResult, this::openAlerts);
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
        parts.remediation.start();
        scheduler.scheduleWithFixedDelay(
                this::safeRound, 0, config.sampleInterval().toMillis(), TimeUnit.MILLISECONDS);
        if (parts.archive != null) {
            parts.archive.start();
        }
        LOG.info(
                "loop started: detector={}, mode={}, sources={}, rules={}",
                parts.pipeline.detectorName(),
                config.actionMode(),
                parts.sources.stream().map(MetricSource::name).toList(),
                parts.ruleEngine.rules().size());
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
                parts.rules
                        .reloadIfChanged(set -> auditReload(set, "rule-file-watch"))
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
            for (SourcePoller poller : parts.pollers) {
                poll(poller);
            }
            anomalyLog.endRound(); // the polled samples' anomalies and those pushed since the last round
            List<Alert> changed = parts.ruleEngine.evaluate(now);
            changed.forEach(listeners::alertTransition);
            parts.router.onTransitions(changed);
            expireExternalAlerts();
            maybeEvictIdle(now);
            parts.checkpoints.maybeSave(now);
            health.record("detector checkpoint", parts.checkpoints.health());
            parts.audit.refreshIntegrity();
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
        int n = parts.pipeline.evictIdle();
        if (n > 0) {
            LOG.info(
                    "forgot {} series without a sample for {}",
                    n,
                    config.series().idle());
        }
    }

    /**
     * The anomalies of samples pushed after the last round, told at stop. A round that outlived the
     * scheduler's stop still holds the loop: it must not hold up the stop, so the summary is skipped.
     */
    private void tellAnomaliesSinceTheLastRound() {
        try {
            if (loop.tryLock(1, TimeUnit.SECONDS)) {
                try {
                    anomalyLog.endRound();
                } finally {
                    loop.unlock();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The loop's rule engine, for tests of what it holds. */
    RuleEngine ruleEngine() {
        return parts.ruleEngine;
    }

    /** An evicted series: its rule state goes too, and its alerts end at the next round (see RuleEngine.seriesGone). */
    private void forgetSeries(SeriesId id) {
        RuleEngine rules = parts.ruleEngine;
        if (rules != null) {
            rules.seriesGone(id);
        }
        LiveView v = parts.view;
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
            parts.view.sourceHealth(source.name(), "stale: " + got.problem());
            LOG.warn("source {} failed: {}", source.name(), got.problem());
            return;
        }
        parts.view.sourceHealth(source.name(), "ok");
        SampleBatch batch = got.batch();
        listeners.batch(batch.source(), batch.size());
        for (Sample s : batch.samples()) {
            score(s);
        }
    }

    private ScoredSample score(Sample s) {
        ScoredSample scored = parts.pipeline.ingest(s);
        if (scored.verdict() != SampleVerdict.SCORED) {
            listeners.dropped(s, scored.verdict());
            return scored;
        }
        // the pipeline's own instance of the series' id: the view and the rules key by it, so one is held
        Sample held = scored.sample();
        parts.view.recordSample(held, scored.score());
        listeners.scored(s, scored.score());
        parts.ruleEngine.observe(held, scored.score());
        if (scored.anomaly().isPresent()) { // not ifPresent: its lambda was garbage every sample
            AnomalyEvent a = scored.anomaly().get();
            parts.view.recordAnomaly(a);
            listeners.anomaly(a);
            anomalyLog.record(a);
        }
        return scored;
    }

    /**
     * Warms the detectors with each source's history, so a restarted loop is useful at once. The
     * rules see the history too (for {@code absent} and staleness) but are not evaluated on it:
     * old trouble raises no alert now.
     */
    private void warmUp() {
        for (SourcePoller poller : parts.pollers) {
            MetricSource source = poller.source();
            try {
                SourcePoller.Outcome got = poller.backfill(WARM_UP, Duration.ofSeconds(60));
                if (!got.ok()) {
                    LOG.warn("no history from {}: {}", source.name(), got.problem());
                    continue;
                }
                SampleBatch history = got.batch();
                for (Sample s : history.samples()) {
                    ScoredSample scored = parts.pipeline.ingest(s);
                    if (scored.verdict() == SampleVerdict.SCORED) {
                        parts.view.recordSample(scored.sample(), scored.score());
                        parts.ruleEngine.observe(scored.sample(), null);
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
        parts.view.recordAction(r);
        listeners.action(r);
        LOG.info("action {} on {}: {} ({})", r.action(), r.target(), r.outcome(), r.message());
    }

    private void expireExternalAlerts() {
        try {
            parts.router.expireExternalAlerts();
        } catch (io.smartcloudops.api.audit.AuditException e) {
            LOG.error(
                    "Alertmanager alerts are due to expire but that cannot be audited; they stay until it can: {}",
                    e.getMessage());
        }
    }

    /** Pending and firing alerts from the rules and from Alertmanager, most urgent first. */
    public List<Alert> openAlerts() {
        List<Alert> all = new ArrayList<>(parts.ruleEngine.activeAlerts());
        all.addAll(parts.router.externalAlerts());
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
        return parts.rules.reload(set -> auditReload(set, requestedBy));
    }

    /** Recorded before the new rules come into force: when the audit log cannot take it, the old rules stay. */
    private void auditReload(RuleSet set, String by) {
        parts.audit.append(new AuditRecord(
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
        return parts.rules.current();
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
        return parts.view.forecast(series, horizon);
    }

    /** {@link #forecast(SeriesId, Duration)} with the time it reaches {@code threshold} (NaN: none). */
    public Optional<SeriesForecast> forecast(SeriesId series, Duration horizon, double threshold) {
        return parts.view.forecast(series, horizon, threshold);
    }

    /** What the loop has seen and done, bounded in memory; the durable record is {@link #audit()}. */
    public HostView view() {
        return parts.view;
    }

    /** The policy gate every action passes through: requests, approvals, denials. */
    public PolicyGate gate() {
        return parts.gate;
    }

    /** Alerts from the rules and from Alertmanager, silences, inhibition and grouping. */
    public AlertRouter router() {
        return parts.router;
    }

    public AuditLog audit() {
        return parts.audit;
    }

    /** Components that are failing (audit log, checkpoints, notifiers, and what the host adds). */
    public ComponentHealth health() {
        return health;
    }

    public int seriesCount() {
        return parts.pipeline.seriesCount();
    }

    /** The names of the sources polled each round. */
    public List<String> sourceNames() {
        return parts.sources.stream().map(MetricSource::name).toList();
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
        tellAnomaliesSinceTheLastRound();
        parts.close();
    }
}
