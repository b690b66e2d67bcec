package io.smartcloudops.bench.detect;

import io.smartcloudops.api.detect.Detector;
import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.detect.DetectorSettings;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.bench.nab.NabSeries;
import java.util.List;

/** A replay through one of our detectors; samples are built beforehand so only update + score is timed. */
final class DetectorReplay implements Replay {
    private static final SeriesId SERIES = SeriesId.of("nab_series");

    private final DetectorFactory factory;
    private final DetectorSettings settings;
    private final Sample[][] files;

    DetectorReplay(DetectorFactory factory, DetectorSettings settings, List<NabSeries> series) {
        this.factory = factory;
        this.settings = settings;
        this.files = new Sample[series.size()][];
        for (int f = 0; f < files.length; f++) {
            NabSeries s = series.get(f);
            files[f] = new Sample[s.rows()];
            for (int i = 0; i < s.rows(); i++) {
                files[f][i] = new Sample(SERIES, s.epochMillis(i), s.value(i));
            }
        }
    }

    @Override
    public double run() {
        double sum = 0;
        for (Sample[] file : files) {
            Detector d = factory.create(SERIES, settings);
            for (Sample s : file) {
                sum += d.update(s).value();
            }
        }
        return sum;
    }
}
