package io.smartcloudops.bench.soak;

import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.spi.ProviderRegistry;
import io.smartcloudops.bench.detect.DiscoveredDetectors;
import io.smartcloudops.bench.detect.WarmFleet;
import io.smartcloudops.bench.detect.WarmTemplates;
import io.smartcloudops.bench.nab.NabDataDir;
import io.smartcloudops.detect.pipeline.SampleVerdict;
import io.smartcloudops.runtime.Ops;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue #15: one soak round through the agent's loop ({@link SoakRun#loop}: detection, the live
 * view's recent points, the rules), a sample for every series and then the round's rule evaluation,
 * on a simulated clock, 15 s a round. Per sample, so {@code -prof gc}'s {@code gc.alloc.rate.norm}
 * is the garbage a sample makes; with {@code -p detector=ewma} (a detector that allocates nothing)
 * that is what the loop around the detector makes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class SoakRoundBenchmark {
    static final int SERIES = 10_000;
    private static final long INTERVAL_MILLIS = 15_000;

    @Param({"default", "ewma"})
    public String detector;

    @Param({"8"})
    public int recentPoints;

    @Param({"0"})
    public int hourlyHistory;

    /** NAB's data directory; empty means {@code datasets/nab/data} (or {@code ../datasets/nab/data}) from the working directory. */
    @Param({""})
    public String dataDir;

    private WarmFleet fleet;
    private Ops ops;
    private Path runDir;
    private long millis;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        DetectorFactory factory = new DiscoveredDetectors().factory(detector);
        fleet = WarmFleet.of(WarmTemplates.build(NabDataDir.resolve(dataDir), factory), SERIES);
        ProviderRegistry registry = ProviderRegistry.builder()
                .discover(SoakRoundBenchmark.class.getClassLoader())
                .build();
        // the agent keeps its audit key and anchor beside its data dir, so both go in one run dir
        runDir = Files.createTempDirectory("sco-soak-round");
        millis = System.currentTimeMillis(); // past every template's last sample, as the soak's wall clock is
        ops = SoakRun.loop(
                registry,
                factory,
                fleet,
                Files.createDirectory(runDir.resolve("agent")),
                recentPoints,
                hourlyHistory,
                () -> Instant.ofEpochMilli(millis));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        ops.close();
        SoakRun.deleteTree(runDir);
    }

    @Benchmark
    @OperationsPerInvocation(SERIES)
    public int round() {
        millis += INTERVAL_MILLIS;
        int scored = 0;
        for (int i = 0; i < SERIES; i++) {
            if (ops.ingest(fleet.sampleAt(i, millis)).verdict() == SampleVerdict.SCORED) {
                scored++;
            }
        }
        if (scored != SERIES) {
            throw new IllegalStateException(
                    (SERIES - scored) + " samples were dropped: the benchmark would not measure scoring");
        }
        return ops.runOnce(Instant.ofEpochMilli(millis)).size();
    }
}
