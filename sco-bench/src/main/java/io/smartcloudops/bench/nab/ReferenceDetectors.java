package io.smartcloudops.bench.nab;

import com.amazon.randomcutforest.RandomCutForest;
import io.smartcloudops.api.detect.Detector;
import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.detect.DetectorState;
import io.smartcloudops.api.detect.Score;
import io.smartcloudops.api.metric.Sample;
import java.util.Optional;

/**
 * The two references every named detector is measured against, as detectors so that the NAB run,
 * its cross-validation and the operations corpus drive them exactly as ours: AWS Random Cut Forest
 * (randomcutforest-core; 50 trees, sample size 256, shingle 8, as in the JMH comparison) and a
 * rolling z-score over the last {@value #ZSCORE_WINDOW} samples. Their raw scores (collusive
 * displacement, {@code |z|}) are unbounded, so a score is {@code raw / (1 + raw)}: monotone, which is
 * all a best-threshold benchmark needs; neither is calibrated, so neither is scored at the shipped
 * threshold. Benchmark-only: they keep no snapshot.
 */
public final class ReferenceDetectors {
    public static final String RCF = "rcf";
    public static final String ZSCORE = "zscore";
    /** An hour of 1-minute samples: the usual dashboard z-score. */
    public static final int ZSCORE_WINDOW = 60;

    private ReferenceDetectors() {}

    /** The reference called {@code name}, seeded with the run's seed, or empty when {@code name} is none. */
    public static Optional<DetectorFactory> named(String name) {
        return switch (name) {
            case RCF ->
                Optional.of(DetectorFactory.of(
                        RCF, (series, settings) -> new Rcf(settings.seed()), ReferenceDetectors::noRestore));
            case ZSCORE ->
                Optional.of(DetectorFactory.of(
                        ZSCORE, (series, settings) -> new RollingZScore(ZSCORE_WINDOW), ReferenceDetectors::noRestore));
            default -> Optional.empty();
        };
    }

    private static Detector noRestore(DetectorState state) {
        throw new IllegalArgumentException("the benchmark's reference detectors keep no state");
    }

    private static Score score(double raw, String component) {
        double r = Double.isFinite(raw) && raw > 0 ? raw : 0.0;
        return new Score(r / (1 + r), Double.NaN, Double.NaN, Double.NaN, component, "");
    }

    /** Scores each sample against the forest, then adds it. */
    static final class Rcf implements Detector {
        private final RandomCutForest forest;

        Rcf(long seed) {
            this.forest = RandomCutForest.builder()
                    .dimensions(8)
                    .shingleSize(8)
                    .internalShinglingEnabled(true)
                    .numberOfTrees(50)
                    .sampleSize(256)
                    .randomSeed(seed)
                    .parallelExecutionEnabled(false)
                    .build();
        }

        @Override
        public Score update(Sample sample) {
            float[] p = {(float) sample.value()};
            double raw = forest.getAnomalyScore(p);
            forest.update(p);
            return score(raw, RCF);
        }

        @Override
        public DetectorState snapshot() {
            throw new UnsupportedOperationException("the benchmark's reference detectors keep no state");
        }
    }

    /** {@code |z|} of each sample against the mean and standard deviation of the {@code window} before it. */
    static final class RollingZScore implements Detector {
        private final double[] ring;
        private long count;
        private double sum;
        private double sumSq;

        RollingZScore(int window) {
            this.ring = new double[window];
        }

        @Override
        public Score update(Sample sample) {
            double x = sample.value();
            int window = ring.length;
            double z = 0;
            int slot = (int) (count % window);
            if (count >= window) {
                double mean = sum / window;
                double sd = Math.sqrt(Math.max(0, sumSq / window - mean * mean));
                z = Math.abs(x - mean) / Math.max(sd, 1e-9 * Math.max(1, Math.abs(mean)));
                sum -= ring[slot];
                sumSq -= ring[slot] * ring[slot];
            }
            ring[slot] = x;
            sum += x;
            sumSq += x * x;
            count++;
            return score(z, ZSCORE);
        }

        @Override
        public DetectorState snapshot() {
            throw new UnsupportedOperationException("the benchmark's reference detectors keep no state");
        }
    }
}
