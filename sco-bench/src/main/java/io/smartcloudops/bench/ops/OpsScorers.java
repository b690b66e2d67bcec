package io.smartcloudops.bench.ops;

import io.smartcloudops.api.detect.Detector;
import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.detect.DetectorSettings;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.bench.nab.ReferenceDetectors;

/**
 * What scores a series, row by row and causally: one of our detectors through its factory, or one
 * of the two references every operations detector must beat, a rolling z-score and AWS Random Cut
 * Forest ({@link ReferenceDetectors}, as in the NAB and JMH comparisons).
 */
interface OpsScorers {
    /** Scores one series from a fresh state. */
    double[] score(OpsSeries series);

    static OpsScorers detector(DetectorFactory factory, long seed) {
        SeriesId id = SeriesId.of("ops_series");
        DetectorSettings settings = DetectorSettings.defaults().withSeed(seed);
        return series -> {
            Detector d = factory.create(id, settings);
            long[] t = series.timestamps();
            double[] v = series.values();
            double[] out = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                out[i] = d.update(new Sample(id, t[i], v[i])).value();
            }
            return out;
        };
    }

    /** The rolling z-score reference, {@link ReferenceDetectors#ZSCORE}. */
    static OpsScorers rollingZScore(long seed) {
        return detector(ReferenceDetectors.named(ReferenceDetectors.ZSCORE).orElseThrow(), seed);
    }

    /** The Random Cut Forest reference, {@link ReferenceDetectors#RCF}. */
    static OpsScorers randomCutForest(long seed) {
        return detector(ReferenceDetectors.named(ReferenceDetectors.RCF).orElseThrow(), seed);
    }
}
