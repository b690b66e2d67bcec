package io.smartcloudops.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.alert.AlertState;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.detect.pipeline.ScoredSample;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Flink's guarantees hold for the operator's state: checkpoints after a failure, savepoints across a stop and a rescale. */
class RecoveryAndSavepointTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(4)
            .build());

    private static final Duration BOUND = Duration.ofMinutes(2);
    private static final AtomicBoolean FAILED = new AtomicBoolean();
    private static final AtomicInteger FIRST_ROUND = new AtomicInteger();

    private static final AtomicBoolean CHECKPOINTED = new AtomicBoolean();

    /** Throws once, at the first sample at or after {@code failAt} once a checkpoint has completed. */
    private static final class FailOnceAfterACheckpoint
            implements MapFunction<Sample, Sample>, org.apache.flink.api.common.state.CheckpointListener {
        private static final long serialVersionUID = 1L;
        private final long failAt;

        FailOnceAfterACheckpoint(long failAt) {
            this.failAt = failAt;
        }

        @Override
        public Sample map(Sample s) {
            if (s.timestampMillis() == Fleet.T0) {
                FIRST_ROUND.incrementAndGet();
            }
            if (s.timestampMillis() >= failAt && CHECKPOINTED.get() && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure");
            }
            return s;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            CHECKPOINTED.set(true);
        }
    }

    @TempDir
    Path dir;

    private static DataStream<Sample> source(
            StreamExecutionEnvironment env, Fleet fleet, RateLimiterStrategy<?> limit) {
        return env.fromSource(
                        new DataGeneratorSource<>(fleet::sample, fleet.size(), limit, ScoTypes.SAMPLE),
                        SampleWatermarks.boundedOutOfOrderness(BOUND, null),
                        "fleet")
                .uid("fleet-source")
                .setParallelism(1);
    }

    /** One sample per series and time: replays after a restore must repeat it exactly. */
    private static Map<String, Fleet.Row> once(List<ScoredSample> delivered) {
        Map<String, Fleet.Row> out = new TreeMap<>();
        for (ScoredSample s : delivered) {
            Fleet.Row r = Fleet.Row.of(s);
            Fleet.Row before = out.put(r.series() + "@" + r.timestampMillis(), r);
            assertThat(before).as("a replayed sample is scored as before").isIn(null, r);
        }
        return out;
    }

    private static List<String> firingAndResolved(List<Alert> transitions) {
        return transitions.stream()
                .filter(a -> a.state() == AlertState.FIRING || a.state() == AlertState.RESOLVED)
                .map(AgentWebhook::keyOf)
                .distinct()
                .toList();
    }

    @Test
    void aTaskFailureMidStreamRecoversFromTheCheckpointAndEachAlertReachesTheAgentOnce() throws Exception {
        Fleet fleet = new Fleet(6, 300);
        Fleet.Expected expected = fleet.expected("ewma");
        long failAt = Fleet.T0 + 170 * Fleet.STEP;
        FAILED.set(false);
        FIRST_ROUND.set(0);
        CHECKPOINTED.set(false);
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(4);
        env.enableCheckpointing(150);
        try (AgentWebhook agent = new AgentWebhook(2)) {
            // paced by checkpoints, not by time: 20 rounds a checkpoint, so checkpoints complete before the failure
            // point
            // however loaded the machine (at a fixed rate a slow machine reached it before the first checkpoint)
            DataStream<Sample> samples = source(env, fleet, RateLimiterStrategy.perCheckpoint(20 * fleet.series))
                    .map(new FailOnceAfterACheckpoint(failAt), ScoTypes.SAMPLE)
                    .setParallelism(1);
            ScoFlink.Streams out = fleet.job("ewma").apply(samples);
            out.scored().sinkTo(Collected.into("recovery-scored"));
            out.alerts()
                    .sinkTo(AlertmanagerWebhookSink.builder(agent.url())
                            .retries(4, Duration.ofMillis(20))
                            .build());
            env.execute("recovery");

            assertThat(FAILED).isTrue();
            // the first round was read once: the job resumed from a checkpoint, not from the start
            assertThat(FIRST_ROUND).hasValue(fleet.series);
            assertThat(once(Collected.get("recovery-scored"))).isEqualTo(Fleet.byKey(expected.scored()));
            List<String> want = firingAndResolved(expected.alerts());
            assertThat(want).isNotEmpty();
            assertThat(agent.deduplicated()).containsExactlyInAnyOrderElementsOf(want);
            assertThat(agent.deliveries()).hasSizeGreaterThanOrEqualTo(want.size());
        }
    }

    /** On both backends: the heap one keeps the live detectors and serializes them at the savepoint, RocksDB on every access. */
    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void stopWithSavepointThenRestoreAtAnotherParallelismContinuesAsAnUninterruptedRun(String backend)
            throws Exception {
        Fleet fleet = new Fleet(6, 300);
        Fleet.Expected expected = fleet.expected("ewma");
        int firstPart = fleet.size() / 2;

        Configuration before = new Configuration();
        before.set(StateBackendOptions.STATE_BACKEND, backend);
        StreamExecutionEnvironment first = StreamExecutionEnvironment.getExecutionEnvironment(before);
        first.setParallelism(2);
        // the source stops after the first half until a checkpoint: the savepoint then holds exactly that half
        ScoFlink.Streams a =
                fleet.job("ewma").apply(source(first, fleet, RateLimiterStrategy.perCheckpoint(firstPart)));
        a.scored().sinkTo(Collected.into("sp-scored-1-" + backend)).uid("scored-sink");
        a.alerts().sinkTo(Collected.into("sp-alerts-1-" + backend)).uid("alerts-sink");
        JobClient job = first.executeAsync("before savepoint");
        // the samples still within the watermark's bound wait in keyed state, to be scored after the restore
        long lastTs = fleet.sample(firstPart - 1).timestampMillis();
        long waiting = 0;
        for (long i = 0; i < firstPart; i++) {
            if (fleet.sample(i).timestampMillis() > lastTs - BOUND.toMillis() - 1) {
                waiting++;
            }
        }
        long scoredBefore = firstPart - waiting;
        await().atMost(Duration.ofSeconds(60))
                .until(() -> Collected.get("sp-scored-1-" + backend).size() >= scoredBefore);
        assertThat(Collected.<ScoredSample>get("sp-scored-1-" + backend)).hasSize((int) scoredBefore);
        String savepoint = job.stopWithSavepoint(false, dir.toUri().toString(), SavepointFormatType.CANONICAL)
                .get(60, TimeUnit.SECONDS);

        Configuration conf = new Configuration();
        conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        conf.set(StateBackendOptions.STATE_BACKEND, backend);
        StreamExecutionEnvironment second = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        second.setParallelism(4);
        ScoFlink.Streams b = fleet.job("ewma").apply(source(second, fleet, RateLimiterStrategy.noOp()));
        b.scored().sinkTo(Collected.into("sp-scored-2-" + backend)).uid("scored-sink");
        b.alerts().sinkTo(Collected.into("sp-alerts-2-" + backend)).uid("alerts-sink");
        second.execute("after savepoint");

        List<ScoredSample> all = new ArrayList<>(Collected.get("sp-scored-1-" + backend));
        all.addAll(Collected.get("sp-scored-2-" + backend));
        assertThat(Fleet.byKey(all)).isEqualTo(Fleet.byKey(expected.scored()));
        List<Alert> alerts = new ArrayList<>(Collected.get("sp-alerts-1-" + backend));
        alerts.addAll(Collected.get("sp-alerts-2-" + backend));
        assertThat(alerts).containsExactlyInAnyOrderElementsOf(expected.alerts());
        assertThat(Collected.<Alert>get("sp-alerts-1-" + backend)).isNotEmpty();
        assertThat(Collected.<Alert>get("sp-alerts-2-" + backend)).isNotEmpty();
    }
}
