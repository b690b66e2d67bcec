package io.smartcloudops.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.detect.pipeline.SampleVerdict;
import io.smartcloudops.detect.pipeline.ScoredSample;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The documented policy: within the watermark's bound a sample out of order is reordered and
 * scored; behind the watermark it is late and dropped (as a duplicate when it repeats the series'
 * last scored time, else as out of order); a repeat of a waiting sample is a duplicate; non-finite
 * values are dropped by the pipeline itself.
 */
class LateAndOutOfOrderTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(1)
            .build());

    private static final SeriesId CPU = SeriesId.of("cpu");
    private static final long MIN = 60_000;
    private static final long BOUND = 2 * MIN;

    private static Sample at(long minute, double v) {
        return new Sample(CPU, Fleet.T0 + minute * MIN, v);
    }

    /** A watermark after every sample (the job's default emits them periodically), so which samples are late is exact. */
    private static WatermarkStrategy<Sample> everySample() {
        return WatermarkStrategy.<Sample>forGenerator(ctx -> new WatermarkGenerator<>() {
                    private long newest = Long.MIN_VALUE;

                    @Override
                    public void onEvent(Sample event, long ts, WatermarkOutput output) {
                        newest = Math.max(newest, ts);
                        output.emitWatermark(new Watermark(newest - BOUND - 1));
                    }

                    @Override
                    public void onPeriodicEmit(WatermarkOutput output) {}
                })
                .withTimestampAssigner((s, previous) -> s.timestampMillis());
    }

    @Test
    void samplesWithinTheBoundAreReorderedAndLateOnesAreDroppedAndCounted() throws Exception {
        List<Sample> in = List.of(
                at(0, 10),
                at(1, 11),
                at(2, 12),
                at(4, 14),
                at(3, 13),
                at(4, 99),
                at(10, 15),
                at(5, 16),
                at(10, 77),
                at(13, 17),
                at(10, 78),
                at(14, Double.NaN));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        var samples =
                env.fromData(ScoTypes.SAMPLE, in.toArray(Sample[]::new)).assignTimestampsAndWatermarks(everySample());
        ScoFlink.builder().detector("ewma").build().apply(samples).scored().sinkTo(Collected.into("late"));
        env.execute("late");

        List<ScoredSample> out = Collected.get("late");
        List<String> scored = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (ScoredSample s : out) {
            long minute = (s.sample().timestampMillis() - Fleet.T0) / MIN;
            String v = minute + "=" + s.sample().value();
            if (s.verdict() == SampleVerdict.SCORED) {
                scored.add(v);
            } else {
                dropped.add(v + ":" + s.verdict());
            }
        }
        assertThat(scored).containsExactly("0=10.0", "1=11.0", "2=12.0", "3=13.0", "4=14.0", "10=15.0", "13=17.0");
        assertThat(dropped)
                .containsExactlyInAnyOrder(
                        "4=99.0:DROPPED_DUPLICATE",
                        "5=16.0:DROPPED_OUT_OF_ORDER",
                        "10=77.0:DROPPED_DUPLICATE",
                        "10=78.0:DROPPED_DUPLICATE",
                        "14=NaN:DROPPED_NOT_FINITE");
    }
}
