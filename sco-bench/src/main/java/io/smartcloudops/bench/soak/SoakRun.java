package io.smartcloudops.bench.soak;

import com.sun.management.OperatingSystemMXBean;
import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.bench.detect.DiscoveredDetectors;
import io.smartcloudops.bench.detect.WarmFleet;
import io.smartcloudops.bench.detect.WarmTemplates;
import io.smartcloudops.api.spi.ProviderRegistry;
import io.smartcloudops.runtime.DetectorCheckpoints;
import io.smartcloudops.runtime.Ops;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue #8's soak: many series at one sample per second each, on the wall clock, through the
 * product's own loop ({@link Ops}: detection with one warmed state per series, see
 * {@link WarmTemplates}, restored from a checkpoint as a restarted agent would; the rules, the
 * router and the gate, evaluated once a second), reading process CPU and live heap at a fixed
 * interval. Flat is the target: a rising heap is a leak, a rising CPU a cost that grows with time.
 */
public final class SoakRun {
    static final String RULES = """
            groups:
              - name: soak
                rules:
                  - alert: BenchAnomaly
                    expr: anomaly_score(bench_metric) >= 0.95
                  - alert: BenchHigh
                    expr: bench_metric > 1000000
                    for: 5m
                    labels: {severity: warning}
                  - alert: BenchGone
                    expr: absent(bench_heartbeat)
                    for: 1m
            """;

    private final DiscoveredDetectors detectors;
    private final ProviderRegistry registry;
    private final Path dataDir;
    private final PrintWriter progress;

    public SoakRun(DiscoveredDetectors detectors, Path dataDir, PrintWriter progress) {
        this.detectors = detectors;
        this.registry = ProviderRegistry.builder().discover(SoakRun.class.getClassLoader()).build();
        this.dataDir = dataDir;
        this.progress = progress;
    }

    public SoakResult run(String detector, int series, Duration length, Duration every) throws IOException, InterruptedException {
        DetectorFactory factory = detectors.factory(detector);
        WarmFleet fleet = WarmFleet.restore(factory, WarmTemplates.build(dataDir, factory), series);
        Path loopDir = Files.createTempDirectory("sco-soak");
        new DetectorCheckpoints(loopDir).save(fleet.pipeline().checkpoint());
        try (Ops ops = Ops.builder(registry).dataDir(loopDir).detector(factory).maxSeries(series).rules("soak.yml", RULES)
                .notifiers(Map.of()).checkpointInterval(Duration.ZERO).build()) {
            return soak(ops, fleet, detector, series, length, every);
        }
    }

    private SoakResult soak(Ops ops, WarmFleet fleet, String detector, int series, Duration length, Duration every)
            throws InterruptedException {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<SoakSample> readings = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + length.toNanos();
        long lastCpu = os.getProcessCpuTime();
        long lastWall = start;
        long nextReading = start + every.toNanos();
        long samples = 0;
        long late = 0;
        int firing = 0;
        for (long tick = start; tick < end; tick += 1_000_000_000L) {
            long sleep = tick - System.nanoTime();
            if (sleep > 0) {
                Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
            } else if (sleep < 0) {
                late++; // the previous round overran its second
            }
            long millis = System.currentTimeMillis();
            for (int i = 0; i < fleet.size(); i++) {
                ops.ingest(fleet.sampleAt(i, millis));
            }
            samples += fleet.size();
            ops.runOnce(Instant.ofEpochMilli(millis));
            firing = ops.openAlerts().size();
            long now = System.nanoTime();
            if (now >= nextReading) {
                long cpu = os.getProcessCpuTime();
                double cores = (cpu - lastCpu) / (double) (now - lastWall);
                System.gc();
                double heapMiB = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
                lastCpu = os.getProcessCpuTime();
                lastWall = System.nanoTime();
                SoakSample r = new SoakSample((now - start) / 1e9, cores, heapMiB, samples, firing, late);
                readings.add(r);
                progress.printf(Locale.ROOT, "soak %.0f s: CPU %.3f cores, live heap %.1f MiB, %d samples, %d firing, %d late rounds%n",
                        r.elapsedSeconds(), r.cpuCores(), r.liveHeapMiB(), r.samples(), r.firing(), r.lateTicks());
                progress.flush();
                nextReading += every.toNanos();
            }
        }
        return new SoakResult(detector, series, length.toSeconds() / 60.0, readings);
    }
}
