package io.smartcloudops.bench.detect;

import com.amazon.randomcutforest.RandomCutForest;
import io.smartcloudops.bench.nab.NabSeries;
import java.util.List;

/**
 * A replay through AWS Random Cut Forest as issue #3 specifies it: 50 trees, sample size 256,
 * shingle 8 (internal shingling, so it takes one value at a time like our detectors), scoring each
 * point before learning it, as a streaming detector must.
 */
final class ForestReplay implements Replay {
    static final int TREES = 50;
    static final int SAMPLE_SIZE = 256;
    static final int SHINGLE = 8;

    private final long seed;
    private final double[][] files;

    ForestReplay(long seed, List<NabSeries> series) {
        this.seed = seed;
        this.files = series.stream().map(NabSeries::values).toArray(double[][]::new);
    }

    static RandomCutForest forest(long seed) {
        return RandomCutForest.builder()
                .dimensions(SHINGLE)
                .shingleSize(SHINGLE)
                .internalShinglingEnabled(true)
                .numberOfTrees(TREES)
                .sampleSize(SAMPLE_SIZE)
                .randomSeed(seed)
                .parallelExecutionEnabled(false)
                .build();
    }

    @Override
    public double run() {
        double sum = 0;
        for (double[] file : files) {
            RandomCutForest forest = forest(seed);
            for (double v : file) {
                float[] point = {(float) v}; // the forest keeps 32-bit floats (its default precision)
                sum += forest.getAnomalyScore(point);
                forest.update(point);
            }
        }
        return sum;
    }
}
