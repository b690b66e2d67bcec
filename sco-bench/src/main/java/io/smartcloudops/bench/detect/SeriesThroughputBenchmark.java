package io.smartcloudops.bench.detect;

import io.smartcloudops.bench.nab.NabDataDir;
import io.smartcloudops.detect.pipeline.SampleVerdict;
import io.smartcloudops.detect.pipeline.ScoredSample;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Issue #3: samples per second through the detection pipeline over 1k, 10k and 100k series, one
 * detector state per series, each series fed in turn (so the states of all series are touched and
 * larger fleets pay their cache misses). Run with {@code -t N} to feed from N threads: each thread
 * owns a slice of the series, as sources do.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms4g", "-Xmx8g"})
public class SeriesThroughputBenchmark {
    @Param({"1000", "10000", "100000"})
    public int series;

    @Param({"default"})
    public String detector;

    /** NAB's data directory; empty means {@code datasets/nab/data} (or {@code ../datasets/nab/data}) from the working directory. */
    @Param({""})
    public String dataDir;

    WarmFleet fleet;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        var factory = new DiscoveredDetectors().factory(detector);
        fleet = WarmFleet.restore(factory, WarmTemplates.build(NabDataDir.resolve(dataDir), factory), series);
    }

    @TearDown(Level.Trial)
    public void checkNothingWasDropped() {
        long dropped = fleet.pipeline().count(SampleVerdict.DROPPED_OUT_OF_ORDER)
                + fleet.pipeline().count(SampleVerdict.DROPPED_SERIES_LIMIT)
                + fleet.pipeline().count(SampleVerdict.DROPPED_DUPLICATE);
        if (dropped > 0) {
            throw new IllegalStateException(dropped + " samples were dropped: the benchmark would not measure scoring");
        }
    }

    /** The series one benchmark thread feeds, round robin. */
    @State(Scope.Thread)
    public static class Slice {
        int from;
        int to;
        int next;

        @Setup(Level.Trial)
        public void setUp(SeriesThroughputBenchmark bench, ThreadParams threads) {
            int n = bench.series;
            from = (int) ((long) n * threads.getThreadIndex() / threads.getThreadCount());
            to = (int) ((long) n * (threads.getThreadIndex() + 1) / threads.getThreadCount());
            next = from;
        }
    }

    @Benchmark
    public ScoredSample ingest(Slice slice) {
        int i = slice.next;
        slice.next = i + 1 == slice.to ? slice.from : i + 1;
        return fleet.ingest(i);
    }
}
