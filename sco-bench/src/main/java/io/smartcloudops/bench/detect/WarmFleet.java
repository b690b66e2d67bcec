package io.smartcloudops.bench.detect;

import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.detect.pipeline.DetectionPipeline;
import io.smartcloudops.detect.pipeline.ScoredSample;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Many series in one {@link DetectionPipeline}, each restored from a {@link WarmTemplates} state and
 * going on with that template's values (from a different row per series, so that the series do not
 * move in step). {@link #ingest(int)} of one series must stay on one thread; different series may
 * be fed from different threads, as the pipeline allows.
 *
 * <p>A fleet made by {@link #of} has no pipeline of its own: it only makes samples and seed
 * checkpoints for another loop, so that loop's series are not held twice in one heap.
 */
public final class WarmFleet {
    private final DetectionPipeline pipeline;
    private final WarmTemplates templates;
    private final SeriesId[] ids;
    private final double[][] values;
    private final int[] template;
    private final int[] row;
    private final long[] nextMillis;

    private WarmFleet(DetectionPipeline pipeline, WarmTemplates templates, int n) {
        this.pipeline = pipeline;
        this.templates = templates;
        this.ids = new SeriesId[n];
        this.values = templates.series().stream().map(s -> s.values()).toArray(double[][]::new);
        this.template = new int[n];
        this.row = new int[n];
        this.nextMillis = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = SeriesId.of("bench_metric", Labels.of("series", Integer.toString(i)));
            template[i] = i % templates.size();
            row[i] = (int) ((i * 7919L) % values[template[i]].length);
            nextMillis[i] = templates.lastMillis()[template[i]] + WarmTemplates.STEP_MILLIS;
        }
    }

    /** {@code n} series, restored from the templates in turn, with room for exactly {@code n}. */
    public static WarmFleet restore(DetectorFactory factory, WarmTemplates templates, int n) {
        DetectionPipeline pipeline =
                DetectionPipeline.builder(factory).maxSeries(n).build();
        WarmFleet fleet = new WarmFleet(pipeline, templates, n);
        Map<SeriesId, DetectionPipeline.Checkpoint> checkpoints = new HashMap<>();
        fleet.checkpointEach(checkpoints::put);
        pipeline.restore(checkpoints);
        return fleet;
    }

    /** {@code n} series' samples and seed checkpoints, without a pipeline: for feeding (and seeding) another loop. */
    public static WarmFleet of(WarmTemplates templates, int n) {
        return new WarmFleet(null, templates, n);
    }

    /**
     * Hands every series' seed checkpoint (its template's state, shared, not copied) to {@code sink},
     * for example {@code DetectorCheckpoints::save}: a restarted agent's checkpoint of this fleet.
     */
    public void checkpointEach(BiConsumer<SeriesId, DetectionPipeline.Checkpoint> sink) {
        for (int i = 0; i < ids.length; i++) {
            int t = template[i];
            sink.accept(
                    ids[i],
                    new DetectionPipeline.Checkpoint(
                            templates.state().get(t), templates.lastMillis()[t]));
        }
    }

    /** The next sample of series {@code i}, scored. */
    public ScoredSample ingest(int i) {
        double[] v = values[template[i]];
        int r = row[i];
        row[i] = r + 1 == v.length ? 0 : r + 1;
        long t = nextMillis[i];
        nextMillis[i] = t + WarmTemplates.STEP_MILLIS;
        return pipeline().ingest(new Sample(ids[i], t, v[r]));
    }

    /** The next value of series {@code i} at a given time (later than its last one), scored: for runs on the wall clock. */
    public ScoredSample ingestAt(int i, long millis) {
        return pipeline().ingest(sampleAt(i, millis));
    }

    /** The next value of series {@code i} at a given time, not scored: for feeding another loop. */
    public Sample sampleAt(int i, long millis) {
        double[] v = values[template[i]];
        int r = row[i];
        row[i] = r + 1 == v.length ? 0 : r + 1;
        nextMillis[i] = millis + WarmTemplates.STEP_MILLIS;
        return new Sample(ids[i], millis, v[r]);
    }

    public SeriesId id(int i) {
        return ids[i];
    }

    public int size() {
        return ids.length;
    }

    public DetectionPipeline pipeline() {
        if (pipeline == null) {
            throw new IllegalStateException(
                    "this fleet was made by WarmFleet.of and only makes samples; use WarmFleet.restore to score them");
        }
        return pipeline;
    }
}
