package io.smartcloudops.examples.backtest;

import io.smartcloudops.api.action.ActionMode;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.alert.AlertState;
import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.detect.pipeline.DetectionPipeline;
import io.smartcloudops.detect.pipeline.ScoredSample;
import io.smartcloudops.remediate.action.HealthCheckAction;
import io.smartcloudops.remediate.action.ProcessCommandRunner;
import io.smartcloudops.remediate.action.RestartServiceAction;
import io.smartcloudops.remediate.alerting.AlertRouter;
import io.smartcloudops.remediate.alerting.SilenceAlertAction;
import io.smartcloudops.remediate.alerting.Silences;
import io.smartcloudops.remediate.audit.SqliteAuditLog;
import io.smartcloudops.remediate.policy.AlertRemediator;
import io.smartcloudops.remediate.policy.PolicyGate;
import io.smartcloudops.remediate.rules.RuleEngine;
import io.smartcloudops.remediate.rules.RuleSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Replays recorded samples through detection, rules and policies on a simulated clock, with the
 * policy gate in DRY_RUN, and reports what would have fired and what would have been done, when.
 * Cooldowns, rate limits and duplicate suppression apply on the simulated clock, as they would
 * have live.
 *
 * <pre>{@code
 * Backtest.Report r = new Backtest(ruleSet, detectorFactory, 0.95).run(RecordedSamples.read(dir).samples());
 * }</pre>
 */
public final class Backtest {
    private final RuleSet rules;
    private final DetectorFactory detector;
    private final double anomalyThreshold;

    public Backtest(RuleSet rules, DetectorFactory detector, double anomalyThreshold) {
        this.rules = rules;
        this.detector = detector;
        this.anomalyThreshold = anomalyThreshold;
    }

    /** One thing that would have happened. */
    public record Event(Instant at, String kind, String what, String detail) {
    }

    /** Everything that would have happened, in time order, with counts. */
    public record Report(List<Event> events, int samples, int anomalies, int firings, int actions) {
    }

    public Report run(List<Sample> samples) {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.EPOCH);
        List<Event> events = new ArrayList<>();
        Path dir;
        try {
            dir = Files.createTempDirectory("sco-backtest");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int[] counts = new int[3];
        try (SqliteAuditLog audit = SqliteAuditLog.open(dir.resolve("audit.db"), now::get)) {
            RuleEngine engine = new RuleEngine(rules.rules(), Duration.ofMinutes(5));
            Silences silences = new Silences();
            PolicyGate gate = PolicyGate.builder(audit, now::get).mode(ActionMode.DRY_RUN)
                    .action(new RestartServiceAction(new ProcessCommandRunner(), List.of("systemctl"), Duration.ofSeconds(60)))
                    .action(new DryHealthCheck())
                    .action(new SilenceAlertAction(silences))
                    .listener(r -> {
                        counts[2]++;
                        events.add(new Event(now.get(), "action", r.action() + " " + r.target(), r.outcome().label() + ": " + r.message()));
                    })
                    .sleeper(d -> now.set(now.get().plus(d)))
                    .build();
            AlertRouter router = AlertRouter.builder(audit, now::get, new AlertRemediator(() -> rules, gate))
                    .silences(silences).ruleAlerts(engine::activeAlerts).build();
            DetectionPipeline pipeline = DetectionPipeline.builder(detector).anomalyThreshold(anomalyThreshold).build();
            for (Sample s : samples) {
                now.set(Instant.ofEpochMilli(s.timestampMillis()));
                ScoredSample scored = pipeline.ingest(s);
                if (scored.anomaly().isPresent()) {
                    counts[0]++;
                }
                engine.observe(s, scored.score());
                List<Alert> changed = engine.evaluate(now.get());
                for (Alert a : changed) {
                    if (a.state() == AlertState.FIRING) {
                        counts[1]++;
                    }
                    if (a.state() != AlertState.INACTIVE) {
                        events.add(new Event(now.get(), "alert", a.name() + " " + a.labels(), a.state().name().toLowerCase(java.util.Locale.ROOT)
                                + (Double.isFinite(a.value()) ? " at value " + a.value() : "")));
                    }
                }
                router.onTransitions(changed);
            }
        } finally {
            deleteQuietly(dir);
        }
        events.sort(Comparator.comparing(Event::at));
        return new Report(List.copyOf(events), samples.size(), counts[0], counts[1], counts[2]);
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }

    /** Verification probes describe themselves instead of probing: the targets of recorded data are not there now. */
    private static final class DryHealthCheck implements io.smartcloudops.api.action.RemediationAction {
        private final HealthCheckAction real = new HealthCheckAction(Duration.ofSeconds(1));

        @Override
        public String name() {
            return real.name();
        }

        @Override
        public List<io.smartcloudops.api.action.ParameterSpec> parameters() {
            return real.parameters();
        }

        @Override
        public ActionResult execute(io.smartcloudops.api.action.ActionRequest r, ActionMode mode, Instant at) {
            return real.execute(r, ActionMode.DRY_RUN, at);
        }
    }
}
