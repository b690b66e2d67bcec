package io.smartcloudops.bench.flink;

import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.bench.detect.FleetRules;
import io.smartcloudops.bench.detect.WarmTemplates;
import io.smartcloudops.detect.pipeline.SampleVerdict;
import io.smartcloudops.detect.pipeline.ScoredSample;
import io.smartcloudops.flink.SampleWatermarks;
import io.smartcloudops.flink.ScoFlink;
import io.smartcloudops.flink.ScoTypes;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.accumulators.LongMaximum;
import org.apache.flink.api.common.accumulators.LongMinimum;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiter;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.accumulators.StringifiedAccumulatorResult;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Issue #15's Flink figures: sco-flink's own operator ({@link ScoFlink#apply}, detection and rules)
 * on a MiniCluster in this JVM, for each series count, state backend and parallelism. Every series
 * starts warm from a {@link WarmSavepoint}. Each point runs two jobs from it:
 * <ol>
 *   <li>a nearly idle one: one round of every series as fast as the source makes it, so every
 *       series' detector is live (restored from the savepoint and scored once), then 10 samples/s;
 *       once the round is scored, its first checkpoint holds every series (its duration and size
 *       are those of N series of state), and the live heap the state takes on the cluster is read;</li>
 *   <li>a bounded one of {@code rounds} samples per series as fast as one source makes them, timed
 *       from the first scored sample to the last, for samples per second per task slot.</li>
 * </ol>
 * The source runs at parallelism 1 (it keeps every series' rounds in event-time order), the operator
 * at the point's parallelism, on as many slots.
 */
public final class FlinkBenchmark {
    private static final Duration TRIGGER_PATIENCE = Duration.ofMinutes(10);
    /**
     * The slowest pace the idle job's first round is waited for, restore included: a million series on
     * RocksDB scored 946,480 in the ten minutes that were all it had once.
     */
    private static final double SLOWEST_SAMPLES_PER_SECOND = 500;

    private final WarmTemplates templates;
    private final String detector;
    private final Path work;
    private final PrintWriter progress;

    /**
     * @param templates warm states of {@code detector}, which the series go on from
     * @param work where savepoints and checkpoints are written (emptied after each point)
     */
    public FlinkBenchmark(WarmTemplates templates, String detector, Path work, PrintWriter progress) {
        this.templates = templates;
        this.detector = detector;
        this.work = work;
        this.progress = progress;
    }

    public List<FlinkPoint> run(
            List<Integer> seriesCounts, List<String> backends, List<Integer> parallelisms, int rounds)
            throws Exception {
        List<FlinkPoint> points = new ArrayList<>();
        for (int n : seriesCounts) {
            WarmSeries series = new WarmSeries(templates, n);
            Path dir = work.resolve("savepoint-" + n);
            long t0 = System.nanoTime();
            String savepoint = WarmSavepoint.write(
                    series, dir, parallelisms.stream().max(Integer::compare).orElse(1));
            progress.printf(
                    Locale.ROOT,
                    "flink: warm savepoint of %,d series (%.0f B of detector state each) in %.1f s, %,d bytes%n",
                    n,
                    series.meanSeedBytes(),
                    (System.nanoTime() - t0) / 1e9,
                    size(dir));
            progress.flush();
            try {
                for (String backend : backends) {
                    for (int p : parallelisms) {
                        FlinkPoint point = point(series, savepoint, backend, p, rounds);
                        progress.printf(
                                Locale.ROOT,
                                "flink %s, %,d series, parallelism %d: %,.0f samples/s/slot, checkpoint %.2f s "
                                        + "(%,.0f B/series), heap %,.0f B/series%n",
                                backend,
                                n,
                                p,
                                point.samplesPerSecondPerSlot(),
                                point.checkpointSeconds(),
                                point.checkpointBytesPerSeries(),
                                point.heapBytesPerSeries());
                        progress.flush();
                        points.add(point);
                    }
                }
            } finally {
                delete(dir);
                delete(dir.resolveSibling(dir.getFileName() + "-checkpoints"));
            }
        }
        return points;
    }

    @SuppressWarnings(
            "try") // MiniCluster.close() declares Exception (and so InterruptedException); the benchmark ends on either
    private FlinkPoint point(WarmSeries series, String savepoint, String backend, int parallelism, int rounds)
            throws Exception {
        Path checkpoints = Files.createTempDirectory(work, "checkpoints-");
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, backend);
        // any free port on loopback: another cluster (a test, a second run) may hold the default one
        conf.set(RestOptions.BIND_PORT, "0");
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        // as docs/FLINK.md advises for large state; the first checkpoint still uploads every SST file
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(512));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        // running accumulators reach the job master with the heartbeats: the idle job's first round is awaited by them
        conf.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, Duration.ofSeconds(1));
        MiniClusterConfiguration mc = new MiniClusterConfiguration.Builder()
                .setConfiguration(conf)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(parallelism)
                .build();
        try (MiniCluster cluster = new MiniCluster(mc)) {
            cluster.start();
            long idleHeap = liveHeap();

            JobID idle = submit(
                    cluster,
                    job(series, parallelism, Long.MAX_VALUE, new FirstRoundThenIdle(series.series() + 1L), savepoint));
            awaitScored(cluster, idle, series.series());
            Checkpoint checkpoint = firstCheckpoint(cluster, idle);
            long heap = liveHeap() - idleHeap;
            // the taken checkpoint's own files and the SST files that RocksDB's incremental checkpoints share
            // (a refused trigger's directory may still be being removed beside them: it is not counted)
            long bytes = size(checkpoint.dir()) + size(checkpoint.dir().resolveSibling("shared"));
            cluster.cancelJob(idle).get();
            cluster.requestJobResult(idle).get();

            long samples = (long) series.series() * rounds;
            JobID timed = submit(cluster, job(series, parallelism, samples, RateLimiterStrategy.noOp(), savepoint));
            JobExecutionResult r =
                    cluster.requestJobResult(timed).get().toJobExecutionResult(FlinkBenchmark.class.getClassLoader());
            long scored = r.<Long>getAccumulatorResult(Timed.SCORED);
            if (scored != samples) {
                throw new IllegalStateException("the timed job scored " + scored + " of " + samples
                        + " samples (verdicts other than " + "SCORED: " + r.getAccumulatorResult(Timed.DROPPED)
                        + "); the measurement would not be of the whole load");
            }
            double seconds =
                    (r.<Long>getAccumulatorResult(Timed.LAST) - r.<Long>getAccumulatorResult(Timed.FIRST)) / 1e9;
            return new FlinkPoint(
                    backend, series.series(), parallelism, scored, seconds, checkpoint.nanos() / 1e9, bytes, heap);
        } finally {
            delete(checkpoints);
        }
    }

    private StreamExecutionEnvironment job(
            WarmSeries series, int parallelism, long count, RateLimiterStrategy<?> limit, String savepoint) {
        Configuration conf = new Configuration();
        conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        // the seeding job's source state has no place here; a savepoint that missed the operator shows in the
        // checkpoint's size
        conf.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true);
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        env.setMaxParallelism(WarmSavepoint.MAX_PARALLELISM);
        // a round is scored once the watermark passes it: emit watermarks often enough not to pace the operator
        env.getConfig().setAutoWatermarkInterval(20);
        // checkpoints are triggered by the benchmark, not by time
        env.enableCheckpointing(Duration.ofDays(1).toMillis());
        DataStream<Sample> samples = env.fromSource(
                        new DataGeneratorSource<>(series, count, limit, ScoTypes.SAMPLE),
                        SampleWatermarks.boundedOutOfOrderness(Duration.ZERO, null),
                        "warm series")
                .setParallelism(1);
        ScoFlink.builder()
                .detector(detector)
                .rules(FleetRules.NAME, FleetRules.text())
                .build()
                .apply(samples)
                .scored()
                .map(new Timed(), ScoTypes.SCORED_SAMPLE)
                .name("timed")
                .sinkTo(new DiscardingSink<>());
        return env;
    }

    private static JobID submit(MiniCluster cluster, StreamExecutionEnvironment env) throws Exception {
        JobGraph graph = env.getStreamGraph().getJobGraph(FlinkBenchmark.class.getClassLoader());
        if (graph.getSavepointRestoreSettings().restoreSavepoint()) {
            return cluster.submitJob(graph).get().getJobID();
        }
        throw new IllegalStateException(
                "the job graph does not restore the warm savepoint: its series would start cold");
    }

    /**
     * Triggers checkpoints until one is taken (a trigger is refused while the tasks still restore),
     * and returns the taken one's duration in nanoseconds.
     */
    private static Checkpoint firstCheckpoint(MiniCluster cluster, JobID job) throws InterruptedException {
        long deadline = System.nanoTime() + TRIGGER_PATIENCE.toNanos();
        while (true) {
            long t0 = System.nanoTime();
            try {
                String pointer = cluster.triggerCheckpoint(job).get();
                long nanos = System.nanoTime() - t0;
                return new Checkpoint(
                        pointer.startsWith("file:") ? Path.of(URI.create(pointer)) : Path.of(pointer), nanos);
            } catch (ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "no checkpoint of the restored job within " + TRIGGER_PATIENCE, e.getCause());
                }
                Thread.sleep(100);
            }
        }
    }

    private record Checkpoint(Path dir, long nanos) {}

    /** Waits until the job has scored {@code n} samples (read from its running accumulators). */
    private static void awaitScored(MiniCluster cluster, JobID job, long n) throws Exception {
        Duration patience = TRIGGER_PATIENCE.plusSeconds((long) (n / SLOWEST_SAMPLES_PER_SECOND));
        long deadline = System.nanoTime() + patience.toNanos();
        while (scored(cluster, job) < n) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the idle job scored " + scored(cluster, job) + " of its first " + n
                        + " samples within " + patience);
            }
            Thread.sleep(250);
        }
    }

    private static long scored(MiniCluster cluster, JobID job) throws Exception {
        for (StringifiedAccumulatorResult a :
                cluster.getExecutionGraph(job).get().getAccumulatorResultsStringified()) {
            if (a.getName().equals(Timed.SCORED)) {
                return Long.parseLong(a.getValue());
            }
        }
        return 0;
    }

    /**
     * The first {@code free} samples unlimited (a round of every series and one sample of the next,
     * whose watermark lets the round be scored), then 10 a second: the job stays up with every
     * series' detector live.
     */
    private record FirstRoundThenIdle(long free) implements RateLimiterStrategy<SourceSplit> {
        @Override
        public RateLimiter<SourceSplit> createRateLimiter(int parallelism) {
            @SuppressWarnings("unchecked")
            RateLimiter<SourceSplit> slow =
                    (RateLimiter<SourceSplit>) RateLimiterStrategy.perSecond(10).createRateLimiter(parallelism);
            return new RateLimiter<>() {
                private long given;

                @Override
                public CompletionStage<Void> acquire(int requestSize) {
                    given += requestSize;
                    return given <= free ? CompletableFuture.completedFuture(null) : slow.acquire(requestSize);
                }
            };
        }
    }

    private static long liveHeap() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The bytes of the files under {@code dir}; files Flink removes meanwhile (a refused checkpoint's) count as gone. */
    private static long size(Path dir) throws IOException {
        long[] total = {0};
        walk(
                dir,
                f -> {
                    try {
                        total[0] += Files.size(f);
                    } catch (NoSuchFileException gone) {
                        // removed after the walk saw it
                    }
                },
                false);
        return total[0];
    }

    private static void delete(Path dir) throws IOException {
        walk(dir, Files::deleteIfExists, true);
    }

    private interface FileAction {
        void apply(Path file) throws IOException;
    }

    /** Applies {@code action} to every file (and, deepest first, every directory when {@code dirs}) under {@code root}. */
    private static void walk(Path root, FileAction action, boolean dirs) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                action.apply(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                if (dirs) {
                    action.apply(d);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Counts the scored samples and notes when the first and the last left the operator, on any subtask. */
    private static final class Timed extends RichMapFunction<ScoredSample, ScoredSample> {
        private static final long serialVersionUID = 1L;
        static final String FIRST = "first-nanos";
        static final String LAST = "last-nanos";
        static final String SCORED = "scored";
        static final String DROPPED = "dropped";
        private transient LongMinimum first;
        private transient LongMaximum last;
        private transient LongCounter scored;
        private transient LongCounter dropped;

        @Override
        public void open(OpenContext context) {
            first = new LongMinimum();
            last = new LongMaximum();
            scored = new LongCounter();
            dropped = new LongCounter();
            getRuntimeContext().addAccumulator(FIRST, first);
            getRuntimeContext().addAccumulator(LAST, last);
            getRuntimeContext().addAccumulator(SCORED, scored);
            getRuntimeContext().addAccumulator(DROPPED, dropped);
        }

        @Override
        public ScoredSample map(ScoredSample s) {
            // one clock for every subtask: the MiniCluster runs them all in this JVM
            long now = System.nanoTime();
            first.add(now);
            last.add(now);
            (s.verdict() == SampleVerdict.SCORED ? scored : dropped).add(1L);
            return s;
        }
    }
}
