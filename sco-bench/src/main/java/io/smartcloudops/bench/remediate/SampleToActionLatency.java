package io.smartcloudops.bench.remediate;

import io.smartcloudops.api.action.ActionMode;
import io.smartcloudops.api.action.ActionOutcome;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.action.ParameterSpec;
import io.smartcloudops.api.action.RemediationAction;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.api.spi.ProviderRegistry;
import io.smartcloudops.bench.LatencySummary;
import io.smartcloudops.remediate.rules.RuleFileLoader;
import io.smartcloudops.remediate.rules.RuleSet;
import io.smartcloudops.runtime.Ops;
import io.smartcloudops.runtime.OpsListener;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sco-bench latency}: the in-process time from a sample arriving to its remediation being
 * dispatched (the action's {@code execute} entered), through detection, rule evaluation over every
 * watched series, the alert router and the policy gate, which audits the attempt durably (SQLite,
 * {@code synchronous=FULL}) before it dispatches. Each iteration spikes a fresh series, so every
 * sample fires a new alert and a new action.
 */
@Command(name = "latency", mixinStandardHelpOptions = true, description = "Sample-to-action latency, p50/p99/p999.")
public final class SampleToActionLatency implements Callable<Integer> {
    @Option(
            names = "--series",
            defaultValue = "10000",
            description = "background series watched (default ${DEFAULT-VALUE})")
    int series;

    @Option(names = "--iterations", defaultValue = "2000", description = "spikes measured (default ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--detector", defaultValue = "default", description = "detector (default ${DEFAULT-VALUE})")
    String detector;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Records when it is dispatched; dry-run semantics so nothing is touched. */
    private static final class Probe implements RemediationAction {
        final AtomicLong dispatchedAt = new AtomicLong();

        @Override
        public String name() {
            return "probe";
        }

        @Override
        public List<ParameterSpec> parameters() {
            return List.of();
        }

        @Override
        public ActionResult execute(ActionRequest r, ActionMode mode, Instant now) {
            dispatchedAt.set(System.nanoTime());
            return ActionResult.of(r, ActionOutcome.DRY_RUN, "probe", now, Duration.ZERO);
        }
    }

    /** The outcome is audited on the remediation lane; wait for it a bounded time. */
    private static void awaitOutcome(AtomicLong auditedAt) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (auditedAt.get() == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the probe ran but its outcome was not audited within 10 s");
            }
            Thread.onSpinWait();
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<LatencySummary> r = measure(series, iterations, detector);
        LatencySummary toDispatch = r.get(0);
        LatencySummary toDone = r.get(1);
        out.printf(
                "sample-to-action over %d watched series, detector %s, %d spikes measured%n",
                series, detector, toDispatch.count());
        out.printf(
                "to dispatch (attempt audited, action entered): p50 %.3f ms, p99 %.3f ms, p999 %.3f ms, max %.3f ms%n",
                toDispatch.p50Ms(), toDispatch.p99Ms(), toDispatch.p999Ms(), toDispatch.maxMs());
        out.printf(
                "to done (outcome audited too):             p50 %.3f ms, p99 %.3f ms, p999 %.3f ms, max %.3f ms%n",
                toDone.p50Ms(), toDone.p99Ms(), toDone.p999Ms(), toDone.maxMs());
        out.flush();
        return 0;
    }

    /**
     * Measures {@code iterations} spikes over {@code series} background series; returns the time to
     * dispatch, then the time until the outcome is audited too.
     */
    public List<LatencySummary> measure(int series, int iterations, String detector) throws Exception {
        Path dir = Files.createTempDirectory("sco-latency");
        AtomicReference<Instant> clock = new AtomicReference<>(Instant.parse("2026-11-27T00:00:00Z"));
        ProviderRegistry registry = ProviderRegistry.builder()
                .discover(SampleToActionLatency.class.getClassLoader())
                .build();
        RuleSet rules = new RuleFileLoader().parseSet("latency.yml", """
                groups:
                  - name: g
                    rules:
                      - alert: Spike
                        expr: anomaly_score(spiky) >= 0.9
                      - alert: HighCpuUsage
                        expr: node_cpu_usage_percent > 90
                        for: 5m
                policies:
                  - name: probe
                    match: ['alertname="Spike"']
                    remediation: {action: probe, target: '{{ $labels.id }}'}
                """);
        Histogram toDispatch = new Histogram(3_600_000_000_000L, 3);
        Histogram toDone = new Histogram(3_600_000_000_000L, 3);
        Probe probe = new Probe();
        AtomicLong auditedAt = new AtomicLong();
        OpsListener outcomes = new OpsListener() {
            @Override
            public void onAction(ActionResult r) {
                if (r.action().equals("probe")) {
                    auditedAt.set(System.nanoTime());
                }
            }
        };
        // the product's loop, as an embedding app builds it: only the clock is simulated
        try (Ops ops = Ops.builder(registry)
                .dataDir(dir)
                .clock(clock::get)
                .mode(ActionMode.EXECUTE)
                .cooldown(Duration.ZERO)
                .rateLimits(1_000_000, 1_000_000, Duration.ofHours(1))
                .rules(rules)
                .detector(detector)
                .anomalyThreshold(0.9)
                .notifiers(Map.of())
                .checkpointInterval(Duration.ZERO)
                .action(probe)
                .listener(outcomes)
                .build()) {
            for (int i = 0; i < series; i++) {
                SeriesId id = SeriesId.of("node_cpu_usage_percent", Labels.of("host", "h" + i));
                for (int k = 0; k < 3; k++) {
                    ops.ingest(new Sample(id, clock.get().toEpochMilli() + k * 1000L, 30 + (i + k) % 7));
                }
            }
            int measured = 0;
            for (int it = 0; measured < iterations && it < iterations * 3; it++) {
                SeriesId id = SeriesId.of("spiky", Labels.of("id", "s" + it));
                long t = clock.get().toEpochMilli();
                for (int k = 0; k < 400; k++) { // a quiet history, then the spike
                    ops.ingest(new Sample(id, t + k * 1000L, 10 + (k % 5) * 0.5));
                }
                clock.set(Instant.ofEpochMilli(t + 400_000));
                ops.runOnce(clock.get());
                probe.dispatchedAt.set(0);
                auditedAt.set(0);
                Sample spike = new Sample(id, t + 400_000, 500);
                long start = System.nanoTime();
                ops.ingest(spike);
                ops.runOnce(clock.get());
                if (probe.dispatchedAt.get() != 0) {
                    awaitOutcome(auditedAt);
                    toDispatch.recordValue(probe.dispatchedAt.get() - start);
                    toDone.recordValue(auditedAt.get() - start);
                    measured++;
                }
                clock.set(clock.get().plusSeconds(1));
            }
            return List.of(
                    LatencySummary.ofNanos("sample-to-action (dispatch)", toDispatch),
                    LatencySummary.ofNanos("sample-to-action (done)", toDone));
        }
    }
}
