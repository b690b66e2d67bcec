package io.smartcloudops.server;

import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SampleBatch;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.api.source.MetricSource;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Replays a fixed CPU series, one value per poll, stamped with the clock; then repeats the last. */
final class ReplaySource implements MetricSource {
    static final SeriesId CPU = SeriesId.of("node_cpu_usage_percent", Labels.of("host", "test"));

    private final double[] values;
    private final InstantSource clock;
    private final AtomicInteger next = new AtomicInteger();

    ReplaySource(double[] values, InstantSource clock) {
        this.values = values.clone();
        this.clock = clock;
    }

    /**
     * 250 quiet polls around 20% with a little wobble (enough history for the default ensemble to
     * judge), then a spike to 99%, then quiet again.
     */
    static double[] normalThenSpike() {
        double[] v = new double[300];
        for (int i = 0; i < v.length; i++) {
            v[i] = 20 + (i % 4) - 1.5;
        }
        v[250] = 99;
        return v;
    }

    int polled() {
        return next.get();
    }

    @Override
    public String name() {
        return "replay";
    }

    @Override
    public SampleBatch poll() {
        int i = next.getAndIncrement();
        double v = values[Math.min(i, values.length - 1)];
        return SampleBatch.of(name(), List.of(new Sample(CPU, clock.millis(), v)));
    }
}
