package io.smartcloudops.bench.ops;

import com.amazon.randomcutforest.RandomCutForest;
import io.smartcloudops.api.detect.Detector;
import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.detect.DetectorSettings;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;

/**
 * What scores a series, row by row and causally: one of our detectors through its factory, or one
 * of the two references every operations detector must beat, a rolling z-score and AWS Random Cut
 * Forest (configured as in the NAB and JMH comparisons: 50 trees, sample size 256, shingle 8).
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

    /** The last {@code window} samples' mean and standard deviation; the score is {@code |z|} of the next one. */
    static OpsScorers rollingZScore(int window) {
        return series -> {
            double[] v = series.values();
            double[] out = new double[v.length];
            double sum = 0;
            double sumSq = 0;
            for (int i = 0; i < v.length; i++) {
                if (i >= window) {
                    double mean = sum / window;
                    double sd = Math.sqrt(Math.max(0, sumSq / window - mean * mean));
                    out[i] = Math.abs(v[i] - mean) / Math.max(sd, 1e-9 * Math.max(1, Math.abs(mean)));
                    sum -= v[i - window];
                    sumSq -= v[i - window] * v[i - window];
                }
                sum += v[i];
                sumSq += v[i] * v[i];
            }
            return out;
        };
    }

    static OpsScorers randomCutForest(long seed) {
        return series -> {
            RandomCutForest forest = RandomCutForest.builder().dimensions(8).shingleSize(8).internalShinglingEnabled(true)
                    .numberOfTrees(50).sampleSize(256).randomSeed(seed).parallelExecutionEnabled(false).build();
            double[] v = series.values();
            double[] out = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                float[] p = {(float) v[i]};
                out[i] = forest.getAnomalyScore(p);
                forest.update(p);
            }
            return out;
        };
    }
}
