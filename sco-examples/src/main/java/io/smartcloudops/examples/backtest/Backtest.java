package io.smartcloudops.examples.backtest;

import io.smartcloudops.api.action.ActionMode;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.alert.AlertState;
import io.smartcloudops.api.detect.AnomalyEvent;
import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.spi.ProviderRegistry;
import io.smartcloudops.remediate.action.HealthCheckAction;
import io.smartcloudops.remediate.rules.RuleSet;
import io.smartcloudops.runtime.Ops;
import io.smartcloudops.runtime.OpsListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Replays recorded samples through detection, rules and policies on a simulated clock, with the
 * policy gate in DRY_RUN, and reports what would have fired and what would have been done, when.
 * Cooldowns, rate limits and duplicate suppression apply on the simulated clock, as they would
 * have live.
 *
 * <pre>{@code
 * Backtest.Report r = new Backtest(registry, ruleSet, detectorFactory, 0.95).run(RecordedSamples.read(dir).samples());
 * }</pre>
 */
public final class Backtest {
    private final ProviderRegistry registry;
    private final RuleSet rules;
    private final DetectorFactory detector;
    private final double anomalyThreshold;

    public Backtest(ProviderRegistry registry, RuleSet rules, DetectorFactory detector, double anomalyThreshold) {
        this.registry = registry;
        this.rules = rules;
        this.detector = detector;
        this.anomalyThreshold = anomalyThreshold;
    }

    /** One thing that would have happened. */
    public record Event(Instant at, String kind, String what, String detail) {}

    /** Everything that would have happened, in time order, with counts. */
    public record Report(List<Event> events, int samples, int anomalies, int firings, int actions) {}

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
        OpsListener record = new OpsListener() {
            @Override
            public void onAnomaly(AnomalyEvent anomaly) {
                counts[0]++;
            }

            @Override
            public void onAlertTransition(Alert a) {
                if (a.state() == AlertState.FIRING) {
                    counts[1]++;
                }
                if (a.state() != AlertState.INACTIVE) {
                    events.add(new Event(
                            now.get(),
                            "alert",
                            a.name() + " " + a.labels(),
                            a.state().name().toLowerCase(Locale.ROOT)
                                    + (Double.isFinite(a.value()) ? " at value " + a.value() : "")));
                }
            }

            @Override
            public void onAction(ActionResult r) {
                counts[2]++;
                events.add(new Event(
                        now.get(),
                        "action",
                        r.action() + " " + r.target(),
                        r.outcome().label() + ": " + r.message()));
            }
        };
        // the product's own loop on a simulated clock: the same built-in actions, per-series
        // directions and gate as live, in dry-run, with nothing polled and nobody notified
        try (Ops ops = Ops.builder(registry)
                .dataDir(dir)
                .clock(now::get)
                .mode(ActionMode.DRY_RUN)
                .rules(rules)
                .detector(detector)
                .anomalyThreshold(anomalyThreshold)
                .checkpointInterval(Duration.ZERO)
                .notifiers(Map.of())
                .action(new DryHealthCheck())
                .sleeper(d -> now.set(now.get().plus(d)))
                .listener(record)
                .build()) {
            for (Sample s : samples) {
                now.set(Instant.ofEpochMilli(s.timestampMillis()));
                ops.ingest(s);
                ops.runOnce(now.get());
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
