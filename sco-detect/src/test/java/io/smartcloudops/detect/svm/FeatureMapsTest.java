package io.smartcloudops.detect.svm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FeatureMapsTest {
    @Test
    void modelsOfOneSeedShareOneMapAndOtherSeedsGetTheirOwn() {
        FeatureMaps maps = new FeatureMaps();
        SvmParameters p = SvmParameters.defaults();
        assertThat(maps.of(p, 42)).isSameAs(maps.of(p, 42));
        assertThat(maps.of(p, 43)).isNotSameAs(maps.of(p, 42));
        assertThat(maps.of(p, 43).omega()).isNotEqualTo(maps.of(p, 42).omega());
    }

    @Test
    void beyondTheSharedLimitMapsAreStillTheSeedsOwn() {
        FeatureMaps maps = new FeatureMaps();
        SvmParameters p = SvmParameters.defaults();
        for (int seed = 0; seed < FeatureMaps.SHARED; seed++) {
            maps.of(p, seed);
        }
        FeatureMaps.FeatureMap late = maps.of(p, 1_000);
        assertThat(late).isNotSameAs(maps.of(p, 1_000));
        assertThat(late.omega()).isEqualTo(new FeatureMaps().of(p, 1_000).omega());
        assertThat(late.phase()).isEqualTo(new FeatureMaps().of(p, 1_000).phase());
    }

    @Test
    void aModelWithASharedMapScoresAsOneWithItsOwn() {
        FeatureMaps maps = new FeatureMaps();
        maps.of(SvmParameters.defaults(), 7);
        OneClassSvm shared = new OneClassSvm(SvmParameters.defaults(), 7, maps);
        OneClassSvm own = new OneClassSvm(SvmParameters.defaults(), 7);
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 2_000; i++) {
            double x = Math.sin(i / 10.0) + r.nextGaussian() * 0.1 + (i == 1_500 ? 5 : 0);
            assertThat(shared.update(x)).isEqualTo(own.update(x));
        }
        assertThat(shared.trained()).isTrue();
    }

    /** A noisy sine of {@code seed}, with a spike: {@code n} samples. */
    private static double[] series(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.sin(i / (8.0 + seed)) + r.nextGaussian() * 0.1 + (i == n - 300 ? 5 : 0);
        }
        return x;
    }

    private static double[] scoresAlone(double[] x) {
        OneClassSvm svm = new OneClassSvm(SvmParameters.defaults(), 7);
        double[] s = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            s[i] = svm.update(x[i]);
        }
        return s;
    }

    @Test
    void modelsTakingTurnsOnOneThreadScoreAsTheyDoAlone() {
        FeatureMaps maps = new FeatureMaps();
        OneClassSvm a = new OneClassSvm(SvmParameters.defaults(), 7, maps);
        OneClassSvm b = new OneClassSvm(SvmParameters.defaults(), 7, maps);
        double[] xa = series(1, 2_000);
        double[] xb = series(2, 2_000);
        double[] aloneA = scoresAlone(xa);
        double[] aloneB = scoresAlone(xb);
        for (int i = 0; i < xa.length; i++) {
            assertThat(a.update(xa[i])).isEqualTo(aloneA[i]);
            assertThat(b.update(xb[i])).isEqualTo(aloneB[i]);
        }
    }

    @Test
    void modelsScoredOnParallelThreadsScoreAsTheyDoAlone() throws InterruptedException {
        // the scratch is the map's, shared by the models, but each thread's own: a pipeline scoring series
        // in parallel must see no other series' shingle
        FeatureMaps maps = new FeatureMaps();
        int threads = 4;
        double[][] x = new double[threads][];
        double[][] alone = new double[threads][];
        double[][] parallel = new double[threads][20_000];
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            x[t] = series(t, 20_000);
            alone[t] = scoresAlone(x[t]);
            int k = t;
            workers[t] = new Thread(() -> {
                OneClassSvm svm = new OneClassSvm(SvmParameters.defaults(), 7, maps);
                for (int i = 0; i < x[k].length; i++) {
                    parallel[k][i] = svm.update(x[k][i]);
                }
            });
        }
        for (Thread w : workers) {
            w.start();
        }
        for (Thread w : workers) {
            w.join();
        }
        for (int t = 0; t < threads; t++) {
            assertThat(parallel[t]).as("thread %d", t).containsExactly(alone[t]);
        }
    }
}
