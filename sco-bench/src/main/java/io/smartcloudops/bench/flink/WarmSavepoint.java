package io.smartcloudops.bench.flink;

import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.flink.ScoFlink;
import io.smartcloudops.flink.ScoTypes;
import io.smartcloudops.flink.SeriesState;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.accumulators.StringifiedAccumulatorResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;

/**
 * A savepoint of sco-flink's operator ({@link ScoFlink#OPERATOR_UID}) in which every series already
 * has a warm detector ({@link ScoFlink#DETECTOR_STATE}), as an agent's checkpoint migrated to Flink
 * would give. The measured jobs start from it, because warming a hundred thousand series one sample
 * at a time would take longer than the measurement, and a fresh state is smaller than a lived-in one.
 *
 * <p>It is written by a job of its own that puts each series' seed into keyed state under the
 * operator's uid and is stopped with a canonical savepoint once every series has one. (The State
 * Processor API's {@code SavepointWriter} of Flink 2.3.0 wrote the state files but a metadata file
 * with no subtask states here, so a job restored from it started cold.)
 */
final class WarmSavepoint {
    /** The measured jobs use the same, fixed, maximum parallelism: a savepoint's key groups are cut by it. */
    static final int MAX_PARALLELISM = 128;

    private static final String SEEDED = "seeded";
    private static final Duration PATIENCE = Duration.ofMinutes(30);

    private WarmSavepoint() {}

    /** Writes the savepoint into {@code dir} and returns its path. */
    @SuppressWarnings(
            "try") // MiniCluster.close() declares Exception (and so InterruptedException); the benchmark ends on either
    static String write(WarmSeries series, Path dir, int parallelism) throws Exception {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, "hashmap");
        // any free port on loopback: another cluster (a test, a second run) may hold the default one
        conf.set(RestOptions.BIND_PORT, "0");
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        // files, not the job manager's memory, which holds a few megabytes of state at most
        conf.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                dir.resolveSibling(dir.getFileName() + "-checkpoints").toUri().toString());
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        // running accumulators reach the job master with the heartbeats: the seeding's progress is read from them
        conf.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, Duration.ofSeconds(1));
        try (MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(conf)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(parallelism)
                .build())) {
            cluster.start();
            StreamExecutionEnvironment env = new StreamExecutionEnvironment(new Configuration());
            env.setParallelism(parallelism);
            env.setMaxParallelism(MAX_PARALLELISM);
            env.enableCheckpointing(Duration.ofDays(1).toMillis());
            int n = series.series();
            // every series in turn, again and again until the job is stopped (rewriting a seed changes nothing)
            env.fromSource(
                            new DataGeneratorSource<>(
                                    i -> i % n, Long.MAX_VALUE, RateLimiterStrategy.perSecond(200_000), Types.LONG),
                            WatermarkStrategy.noWatermarks(),
                            "series")
                    .uid("sco-bench-seed-source")
                    .setParallelism(1)
                    .keyBy(i -> WarmSeries.id(i.intValue()), ScoTypes.SERIES_ID)
                    .process(new Seed(series), Types.VOID)
                    .uid(ScoFlink.OPERATOR_UID)
                    .name("seed")
                    .sinkTo(new DiscardingSink<>());
            JobID job = cluster.submitJob(env.getStreamGraph().getJobGraph(WarmSavepoint.class.getClassLoader()))
                    .get()
                    .getJobID();
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (seeded(cluster, job) < n) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "seeded " + seeded(cluster, job) + " of " + n + " series within " + PATIENCE);
                }
                Thread.sleep(250);
            }
            return cluster.stopWithSavepoint(job, dir.toUri().toString(), false, SavepointFormatType.CANONICAL)
                    .get();
        }
    }

    private static long seeded(MiniCluster cluster, JobID job) throws Exception {
        for (StringifiedAccumulatorResult a :
                cluster.getExecutionGraph(job).get().getAccumulatorResultsStringified()) {
            if (a.getName().equals(SEEDED)) {
                return Long.parseLong(a.getValue());
            }
        }
        return 0;
    }

    /** Puts each series' seed where the operator reads its detector, and counts the series seeded. */
    private static final class Seed extends KeyedProcessFunction<SeriesId, Long, Void> {
        private static final long serialVersionUID = 1L;
        private final WarmSeries series;
        private transient ValueState<SeriesState> detector;
        private transient LongCounter seeded;

        Seed(WarmSeries series) {
            this.series = series;
        }

        @Override
        public void open(OpenContext context) {
            detector = getRuntimeContext().getState(ScoFlink.seriesStateDescriptor());
            seeded = new LongCounter();
            getRuntimeContext().addAccumulator(SEEDED, seeded);
        }

        @Override
        public void processElement(Long i, Context ctx, Collector<Void> out) throws Exception {
            if (detector.value() == null) {
                detector.update(series.seed(i.intValue()));
                seeded.add(1L);
            }
        }
    }
}
