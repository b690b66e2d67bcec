package io.smartcloudops.bench.flink;

import io.smartcloudops.api.detect.DetectorState;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.bench.detect.WarmTemplates;
import io.smartcloudops.detect.pipeline.DetectionPipeline;
import io.smartcloudops.flink.SeriesState;
import io.smartcloudops.flink.SeriesStateSerializer;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * {@code n} series for a Flink job, each going on from a {@link WarmTemplates} state with that
 * template's values (from a different row per series, so that they do not move in step): the seed
 * bytes of each series' keyed state, and its samples in rounds. Sample {@code i} is a pure function
 * of {@code i} (round {@code i / n}, series {@code i % n}), so a generator source makes it on any task;
 * every series of a round has the same time, so one round is behind the watermark when the next starts.
 */
final class WarmSeries implements GeneratorFunction<Long, Sample>, Serializable {
    private static final long serialVersionUID = 1L;
    static final String METRIC = "bench_metric";
    /** The agent's default sample interval: rounds of samples are this far apart in event time. */
    static final long STEP_MILLIS = 15_000;

    private static final SeriesStateSerializer SEEDS = new SeriesStateSerializer();
    private final int series;
    private final double[][] values;
    /** Each template's seed in the serializer's format: the function is shipped to the tasks, and a state object is not serializable. */
    private final byte[][] seeds;

    private final int[] seedBytes;
    private transient SeriesState[] seedStates;
    private final long firstMillis;

    WarmSeries(WarmTemplates templates, int series) {
        if (series < 1) {
            throw new IllegalArgumentException("series must be >= 1, got " + series);
        }
        this.series = series;
        this.values = templates.series().stream().map(s -> s.values()).toArray(double[][]::new);
        this.seeds = new byte[templates.size()][];
        this.seedBytes = new int[templates.size()];
        for (int t = 0; t < templates.size(); t++) {
            DetectorState state = templates.state().get(t);
            seeds[t] = write(SeriesState.of(
                    new DetectionPipeline.Checkpoint(state, templates.lastMillis()[t])));
            seedBytes[t] = state.bytes().length;
        }
        // the templates learnt files that end at different times; every series goes on after the latest of them
        this.firstMillis = Arrays.stream(templates.lastMillis()).max().orElseThrow() + STEP_MILLIS;
    }

    int series() {
        return series;
    }

    static SeriesId id(int i) {
        return SeriesId.of(METRIC, Labels.of("series", Integer.toString(i)));
    }

    /**
     * The keyed state value series {@code i} starts from. Series of one template share one state
     * object: the seeding job only stores it for the savepoint (which writes each key's copy) and
     * never scores with it, so its detector stays saved and a million seeded series do not hold a
     * million copies of a few templates in the seeding job's heap.
     */
    SeriesState seed(int i) {
        if (seedStates == null) {
            seedStates = new SeriesState[seeds.length];
            for (int t = 0; t < seeds.length; t++) {
                try {
                    seedStates[t] = SEEDS.deserialize(new DataInputDeserializer(seeds[t]));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return seedStates[i % seeds.length];
    }

    private static byte[] write(SeriesState state) {
        DataOutputSerializer out = new DataOutputSerializer(8192);
        try {
            SEEDS.serialize(state, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.getCopyOfBuffer();
    }

    /** The mean size of the seeds' detector snapshots: what one series' detector weighs before Flink adds its own bytes. */
    double meanSeedBytes() {
        return Arrays.stream(seedBytes).average().orElse(0);
    }

    @Override
    public Sample map(Long index) {
        long round = index / series;
        int i = (int) (index % series);
        double[] v = values[i % values.length];
        int row = (int) ((i * 7919L + round) % v.length);
        return new Sample(id(i), firstMillis + round * STEP_MILLIS, v[row]);
    }
}
