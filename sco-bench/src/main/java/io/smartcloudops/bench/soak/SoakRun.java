package io.smartcloudops.bench.soak;

import com.sun.management.OperatingSystemMXBean;
import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.spi.ProviderRegistry;
import io.smartcloudops.bench.detect.DiscoveredDetectors;
import io.smartcloudops.bench.detect.FleetRules;
import io.smartcloudops.bench.detect.WarmFleet;
import io.smartcloudops.bench.detect.WarmTemplates;
import io.smartcloudops.runtime.DetectorCheckpoints;
import io.smartcloudops.runtime.Ops;
import io.smartcloudops.runtime.SeriesLimits;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Issue #8's soak: many series at one sample per interval each (one second unless told), on the
 * wall clock, through the product's own loop ({@link Ops}: detection with one warmed state per
 * series, see {@link WarmTemplates}, restored from a checkpoint as a restarted agent would; the
 * rules, the router and the gate, evaluated once a round), reading process CPU and live heap at a
 * fixed interval. Flat is the target: a rising heap is a leak, a rising CPU a cost that grows with
 * time. At the end the agent stops as it would, writing its detector checkpoint, which is timed
 * and weighed (issue #15).
 */
public final class SoakRun {
    private final DiscoveredDetectors detectors;
    private final ProviderRegistry registry;
    private final Path dataDir;
    private final Path workParent;
    private final PrintWriter progress;

    /** A soak whose agent keeps its data (the checkpoints: ~4.5 GB at 1,000,000 series) under the system's temp dir. */
    public SoakRun(DiscoveredDetectors detectors, Path dataDir, PrintWriter progress) {
        this(detectors, dataDir, Path.of(System.getProperty("java.io.tmpdir")), progress);
    }

    /**
     * A soak whose agent keeps its data in a new directory under {@code workParent}, deleted when the run
     * ends: at 1,000,000 series the seed and stop checkpoints are ~4.5 GB each, and a run that left them
     * behind filled the disk after a few runs.
     */
    public SoakRun(DiscoveredDetectors detectors, Path dataDir, Path workParent, PrintWriter progress) {
        this.detectors = detectors;
        this.registry = ProviderRegistry.builder()
                .discover(SoakRun.class.getClassLoader())
                .build();
        this.dataDir = dataDir;
        this.workParent = workParent;
        this.progress = progress;
    }

    public SoakResult run(String detector, int series, Duration length, Duration every)
            throws IOException, InterruptedException {
        return run(detector, series, length, every, Duration.ofSeconds(1));
    }

    /** As {@link #run(String, int, Duration, Duration)}, with one sample per series every {@code interval}. */
    public SoakResult run(String detector, int series, Duration length, Duration every, Duration interval)
            throws IOException, InterruptedException {
        return run(detector, series, length, every, interval, SeriesLimits.DEFAULT_RECENT_POINTS);
    }

    /** As {@link #run(String, int, Duration, Duration, Duration)}, each series keeping {@code recentPoints} raw points. */
    public SoakResult run(
            String detector, int series, Duration length, Duration every, Duration interval, int recentPoints)
            throws IOException, InterruptedException {
        return run(detector, series, length, every, interval, recentPoints, SeriesLimits.DEFAULT_HOURLY_HISTORY);
    }

    /** As {@link #run(String, int, Duration, Duration, Duration, int)}, each series keeping {@code hourlyHistory} hourly means. */
    public SoakResult run(
            String detector,
            int series,
            Duration length,
            Duration every,
            Duration interval,
            int recentPoints,
            int hourlyHistory)
            throws IOException, InterruptedException {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, got " + interval);
        }
        DetectorFactory factory = detectors.factory(detector);
        // the fleet only makes samples: the agent's loop holds the series, restored from the seed checkpoint
        WarmFleet fleet = WarmFleet.of(WarmTemplates.build(dataDir, factory), series);
        // the agent keeps its audit key and anchor beside its data dir, so both go in one run dir
        Path runDir = Files.createTempDirectory(workParent, "sco-soak");
        try {
            return runIn(
                    Files.createDirectory(runDir.resolve("agent")),
                    detector,
                    series,
                    length,
                    every,
                    interval,
                    recentPoints,
                    hourlyHistory,
                    factory,
                    fleet);
        } finally {
            deleteTree(runDir);
        }
    }

    private SoakResult runIn(
            Path loopDir,
            String detector,
            int series,
            Duration length,
            Duration every,
            Duration interval,
            int recentPoints,
            int hourlyHistory,
            DetectorFactory factory,
            WarmFleet fleet)
            throws IOException, InterruptedException {
        Ops ops = loop(registry, factory, fleet, loopDir, recentPoints, hourlyHistory, InstantSource.system());
        List<SoakSample> readings;
        try {
            readings = soak(ops, fleet, length, every, interval);
        } catch (RuntimeException | InterruptedException e) {
            ops.close();
            throw e;
        }
        long t0 = System.nanoTime();
        ops.close(); // writes the detector checkpoint: nothing else it stops takes long
        double checkpointSeconds = (System.nanoTime() - t0) / 1e9;
        long checkpointBytes = Files.size(loopDir.resolve(DetectorCheckpoints.FILE));
        progress.printf(
                Locale.ROOT,
                "soak: checkpoint at stop %.2f s, %,d bytes (%,.0f B/series)%n",
                checkpointSeconds,
                checkpointBytes,
                checkpointBytes / (double) series);
        progress.flush();
        return new SoakResult(
                detector, series, length.toSeconds() / 60.0, interval, readings, checkpointSeconds, checkpointBytes);
    }

    /** Deletes {@code dir} and everything under it, deepest first. */
    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * The agent's loop that a soak drives ({@link SoakRoundBenchmark} drives the same one): {@code fleet}'s
     * series restored from the seed checkpoint it writes to {@code dir}, the fleet's rules, no notifiers,
     * on {@code clock} (which the loop also drops samples stamped too far ahead of).
     */
    static Ops loop(
            ProviderRegistry registry,
            DetectorFactory factory,
            WarmFleet fleet,
            Path dir,
            int recentPoints,
            int hourlyHistory,
            InstantSource clock)
            throws IOException {
        new DetectorCheckpoints(dir).save(fleet::checkpointEach);
        // restored, so saved only at stop, as an agent whose interval is longer than the run
        return Ops.builder(registry)
                .clock(clock)
                .dataDir(dir)
                .detector(factory)
                .maxSeries(fleet.size())
                .recentPoints(recentPoints)
                .hourlyHistory(hourlyHistory)
                .rules(FleetRules.NAME, FleetRules.text())
                .notifiers(Map.of())
                .checkpointInterval(Duration.ofDays(365))
                .build();
    }

    private List<SoakSample> soak(Ops ops, WarmFleet fleet, Duration length, Duration every, Duration interval)
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
        int round = 0;
        for (long tick = start; tick < end; tick += interval.toNanos()) {
            long sleep = tick - System.nanoTime();
            if (sleep > 0) {
                Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
            } else if (sleep < 0) {
                late++; // the previous round overran its interval
            }
            long millis = System.currentTimeMillis();
            long roundStart = System.nanoTime();
            for (int i = 0; i < fleet.size(); i++) {
                ops.ingest(fleet.sampleAt(i, millis));
            }
            samples += fleet.size();
            long ingested = System.nanoTime();
            int transitions = ops.runOnce(Instant.ofEpochMilli(millis)).size();
            firing = ops.openAlerts().size();
            long now = System.nanoTime();
            // each round's own time, so that one slow round (the first, after the restore) is told from the rest
            progress.printf(
                    Locale.ROOT,
                    "soak round %d: %.1f s (samples %.1f s, rules and routing %.1f s), %d alert transitions%n",
                    ++round,
                    (now - roundStart) / 1e9,
                    (ingested - roundStart) / 1e9,
                    (now - ingested) / 1e9,
                    transitions);
            if (now >= nextReading) {
                long cpu = os.getProcessCpuTime();
                double cores = (cpu - lastCpu) / (double) (now - lastWall);
                System.gc();
                double heapMiB =
                        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
                lastCpu = os.getProcessCpuTime();
                lastWall = System.nanoTime();
                SoakSample r = new SoakSample((now - start) / 1e9, cores, heapMiB, samples, firing, late);
                readings.add(r);
                progress.printf(
                        Locale.ROOT,
                        "soak %.0f s: CPU %.3f cores, live heap %.1f MiB, %d samples, %d firing, %d late rounds%n",
                        r.elapsedSeconds(),
                        r.cpuCores(),
                        r.liveHeapMiB(),
                        r.samples(),
                        r.firing(),
                        r.lateTicks());
                progress.flush();
                nextReading += every.toNanos();
            }
        }
        return readings;
    }
}
