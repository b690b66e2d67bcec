package io.smartcloudops.bench.detect;

import io.smartcloudops.api.detect.DetectorSettings;
import io.smartcloudops.bench.nab.NabDataDir;
import java.io.IOException;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue #3: the cost per point (update + score) of each detector and of Random Cut Forest, on the
 * same NAB series in the same run. One invocation replays {@link RepresentativeSeries} from a fresh
 * state per file, as a NAB pass does, so warm-up and training phases are in the figure; the result
 * is nanoseconds per point.
 *
 * <p>{@code java -cp sco-bench.jar org.openjdk.jmh.Main DetectorCostBenchmark -p dataDir=datasets/nab/data}
 * ({@code rcf} is the forest; every other value is a detector name from the SPI).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DetectorCostBenchmark {
    /** The name that selects Random Cut Forest rather than one of ours. */
    public static final String RCF = "rcf";

    @Param({"ewma", "seasonal", "iforest", "ocsvm", "default", RCF})
    public String detector;

    /** NAB's data directory; empty means {@code datasets/nab/data} (or {@code ../datasets/nab/data}) from the working directory. */
    @Param({""})
    public String dataDir;

    private Replay replay;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        var series = RepresentativeSeries.load(NabDataDir.resolve(dataDir));
        DetectorSettings settings = DetectorSettings.defaults();
        replay = RCF.equals(detector)
                ? new ForestReplay(settings.seed(), series)
                : new DetectorReplay(new DiscoveredDetectors().factory(detector), settings, series);
    }

    @Benchmark
    @OperationsPerInvocation(RepresentativeSeries.POINTS)
    public double replay() {
        return replay.run();
    }
}
