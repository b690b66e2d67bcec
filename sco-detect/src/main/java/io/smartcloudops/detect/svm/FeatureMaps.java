package io.smartcloudops.detect.svm;

import de.bwaldvogel.liblinear.FeatureNode;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The random Fourier feature maps of {@link OneClassSvm}s, one read-only copy per parameters and seed.
 * A map is a pure function of both, and every series of a factory usually has the same ones, so the
 * series share it instead of each holding its own (1.5 KB of frequencies, a sixth of a default
 * detector's heap). One instance per detector factory, passed to the models it makes; safe to use from
 * several threads: a map's frequencies never change, and what does is each thread's own. At most {@link #SHARED} distinct
 * maps are kept; beyond that (a seed per series) each model gets a copy of its own, as before. A map
 * also lends each thread the scratch its models score in ({@link FeatureMap#scratch}), so that the
 * series of a factory do not each carry one (480 bytes of the default's) while a pipeline scoring
 * them in parallel never lets two threads share one; and likewise the feature rows a model trains on
 * ({@link FeatureMap#trainingRows}, about 480 KB a thread for the default), refilled for each model
 * rather than made afresh for every series.
 *
 * <pre>{@code
 * FeatureMaps maps = new FeatureMaps();
 * OneClassSvm a = new OneClassSvm(SvmParameters.defaults(), 42, maps);
 * OneClassSvm b = new OneClassSvm(SvmParameters.defaults(), 42, maps); // shares a's frequencies
 * }</pre>
 */
public final class FeatureMaps {
    static final int SHARED = 64;

    private final Map<Key, FeatureMap> maps = new ConcurrentHashMap<>();

    private record Key(SvmParameters params, long seed) {}

    /**
     * The frequencies, phases and norm of one feature map, and each thread's scratch for scoring with it
     * (the standardised shingle, then its projections on every feature; and apart, twice as many
     * slots for {@link FastCosine#cosines}). The frequencies are
     * position-major: that of feature {@code f} for shingle position {@code d} at {@code d * features + f},
     * so that all features' projections accumulate side by side (one long chain of dependent additions
     * per feature was most of the cost of scoring).
     */
    record FeatureMap(
            double[] omega,
            double[] phase,
            double norm,
            ThreadLocal<double[][]> scratch,
            Supplier<FeatureNode[][]> trainingRows) {}

    FeatureMap of(SvmParameters params, long seed) {
        Key key = new Key(params, seed);
        FeatureMap shared = maps.get(key);
        if (shared != null) {
            return shared;
        }
        if (maps.size() >= SHARED) {
            return build(params, seed, false);
        }
        return maps.computeIfAbsent(key, k -> build(k.params(), k.seed(), true));
    }

    /**
     * A map; a {@code shared} one lends each thread one set of training rows, refilled for every model it
     * trains, where one of a single model (past {@link #SHARED}) makes a set per training and keeps none.
     */
    private static FeatureMap build(SvmParameters params, long seed, boolean shared) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] omega = new double[params.features() * params.shingle()];
        double[] phase = new double[params.features()];
        double sd = Math.sqrt(2 * params.gamma());
        for (int f = 0; f < params.features(); f++) {
            for (int d = 0; d < params.shingle(); d++) {
                omega[d * params.features() + f] = gaussian(random) * sd;
            }
            phase[f] = random.nextDouble() * 2 * Math.PI;
        }
        int scratch = params.shingle() + params.features();
        int reduced = 2 * params.features();
        int rows = params.trainWindow() - params.shingle() + 1;
        return new FeatureMap(
                omega,
                phase,
                Math.sqrt(2.0 / params.features()),
                ThreadLocal.withInitial(() -> new double[][] {new double[scratch], new double[reduced]}),
                shared
                        ? ThreadLocal.withInitial(() -> ProbationTrainer.rows(rows, params.features()))::get
                        : () -> ProbationTrainer.rows(rows, params.features()));
    }

    private static double gaussian(SplittableRandom r) {
        double u = 1.0 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
