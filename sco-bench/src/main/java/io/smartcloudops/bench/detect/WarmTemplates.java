package io.smartcloudops.bench.detect;

import io.smartcloudops.api.detect.Detector;
import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.detect.DetectorSettings;
import io.smartcloudops.api.detect.DetectorState;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.bench.nab.NabSeries;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Detector states in their steady shape: one per representative file, after the detector has seen
 * all of its {@link RepresentativeSeries#ROWS} rows (past every warm-up, training and reservoir
 * fill). Scale runs restore their many series from these, because warming 100,000 series one point
 * at a time would take longer than the measurement, and a fresh state is smaller than a lived-in one.
 *
 * @param series the file each template learnt, whose values its series go on with
 * @param state the snapshot after the last row
 * @param lastMillis the last row's time, after which its series continue
 */
public record WarmTemplates(List<NabSeries> series, List<DetectorState> state, long[] lastMillis) {
    /** Time between the continuing samples of a series (NAB's most common spacing). */
    static final long STEP_MILLIS = 300_000;

    public WarmTemplates {
        series = List.copyOf(series);
        state = List.copyOf(state);
        lastMillis = lastMillis.clone();
    }

    public static WarmTemplates build(Path dataDir, DetectorFactory factory) throws IOException {
        List<NabSeries> files = RepresentativeSeries.load(dataDir);
        List<DetectorState> states = new ArrayList<>();
        long[] last = new long[files.size()];
        SeriesId id = SeriesId.of("template");
        for (int f = 0; f < files.size(); f++) {
            NabSeries s = files.get(f);
            Detector d = factory.create(id, DetectorSettings.defaults());
            for (int i = 0; i < s.rows(); i++) {
                d.update(new Sample(id, s.epochMillis(i), s.value(i)));
            }
            states.add(d.snapshot());
            last[f] = s.epochMillis(s.rows() - 1);
        }
        return new WarmTemplates(files, states, last);
    }

    public int size() {
        return state.size();
    }

    /** The mean snapshot size in bytes: the checkpoint cost of one series. */
    public double meanStateBytes() {
        return state.stream().mapToInt(s -> s.bytes().length).average().orElse(0);
    }

    public int maxStateBytes() {
        return state.stream().mapToInt(s -> s.bytes().length).max().orElse(0);
    }
}
