package io.smartcloudops.flink;

import io.smartcloudops.api.metric.Sample;
import java.time.Duration;
import java.time.InstantSource;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event time for samples: their own timestamps, with watermarks trailing the newest sample by a
 * bound. Samples out of order within the bound are reordered by the operator; older ones are late.
 */
public final class SampleWatermarks {
    private SampleWatermarks() {}

    /** Watermarks {@code bound} behind the newest sample; idle splits stop holding the watermark back after {@code idle}. */
    public static WatermarkStrategy<Sample> boundedOutOfOrderness(Duration bound, Duration idle) {
        WatermarkStrategy<Sample> s = WatermarkStrategy.<Sample>forBoundedOutOfOrderness(bound)
                .withTimestampAssigner((sample, previous) -> sample.timestampMillis());
        return idle == null ? s : s.withIdleness(idle);
    }

    /**
     * As {@link #boundedOutOfOrderness(Duration, Duration)}, but a sample stamped more than
     * {@code maxFuture} ahead of {@code clock} does not move the watermark: one host with a jumped
     * clock would otherwise make every honest sample late.
     */
    public static WatermarkStrategy<Sample> boundedOutOfOrderness(
            Duration bound, Duration idle, Duration maxFuture, InstantSource clock) {
        long boundMillis = bound.toMillis();
        long futureMillis = maxFuture.toMillis();
        WatermarkStrategy<Sample> s = WatermarkStrategy.<Sample>forGenerator(
                        ctx -> new IgnoringFuture(boundMillis, futureMillis, clock))
                .withTimestampAssigner((sample, previous) -> sample.timestampMillis());
        return idle == null ? s : s.withIdleness(idle);
    }

    private static final class IgnoringFuture implements WatermarkGenerator<Sample> {
        private final long bound;
        private final long maxFuture;
        private final InstantSource clock;
        private long newest = Long.MIN_VALUE;

        IgnoringFuture(long bound, long maxFuture, InstantSource clock) {
            this.bound = bound;
            this.maxFuture = maxFuture;
            this.clock = clock;
        }

        @Override
        public void onEvent(Sample event, long eventTimestamp, WatermarkOutput output) {
            if (eventTimestamp <= clock.millis() + maxFuture) {
                newest = Math.max(newest, eventTimestamp);
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            if (newest != Long.MIN_VALUE) {
                output.emitWatermark(new Watermark(newest - bound - 1));
            }
        }
    }
}
