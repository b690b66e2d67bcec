package io.smartcloudops.detect.svm;

import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import java.util.Random;
import java.util.SplittableRandom;
import org.tribuo.anomaly.liblinear.LibLinearAnomalyTrainer;
import org.tribuo.anomaly.liblinear.LinearAnomalyType;

/**
 * Tribuo's liblinear one-class trainer, fed the feature rows directly. Going through a Tribuo
 * {@code Dataset} cost about ten times the solver itself (a named, sorted feature per value, value
 * statistics in hash maps, provenance), which a series pays once but a fleet of fresh series pays
 * every time. The rows are laid out as Tribuo lays them out (feature {@code f} at index {@code f + 1},
 * then a constant bias feature), the parameters come from the trainer's own set-up, and the solver's
 * random stream is seeded as the trainer's first {@code train} call seeds it, so the model is the one
 * {@code trainer.train(dataset)} would give.
 */
final class ProbationTrainer extends LibLinearAnomalyTrainer {
    private final long seed;

    ProbationTrainer(double nu, long seed) {
        super(new LinearAnomalyType(LinearAnomalyType.LinearType.ONECLASS_SVM), 1.0, 1000, 0.01, nu, seed);
        this.seed = seed;
    }

    /** Trains on {@code rows} of {@code features} values each; returns the learnt weights followed by rho. */
    double[] fit(double[][] rows, int features) {
        FeatureNode[][] x = rows(rows.length, features);
        for (int i = 0; i < rows.length; i++) {
            for (int f = 0; f < features; f++) {
                x[i][f].setValue(rows[i][f]);
            }
        }
        return fit(x, features);
    }

    /**
     * Rows of {@code features} feature nodes (indices from 1, values 0) and the constant bias feature, as
     * {@link #fit(FeatureNode[][], int)} takes them.
     */
    static FeatureNode[][] rows(int count, int features) {
        FeatureNode[][] x = new FeatureNode[count][];
        for (int i = 0; i < count; i++) {
            FeatureNode[] nodes = new FeatureNode[features + 1];
            for (int f = 0; f < features; f++) {
                nodes[f] = new FeatureNode(f + 1, 0.0);
            }
            nodes[features] = new FeatureNode(features + 1, 1.0);
            x[i] = nodes;
        }
        return x;
    }

    /**
     * Trains on the feature rows {@code x} (see {@link #rows}), which the solver only reads; returns the
     * learnt weights followed by rho.
     */
    double[] fit(FeatureNode[][] x, int features) {
        Parameter param = setupParameters(null);
        param.setRandom(new Random(new SplittableRandom(seed).split().nextLong()));
        // every row is EXPECTED, whose output id is 0 in an all-normal training set
        Model model = trainModels(param, features + 1, x, new double[][] {new double[x.length]})
                .get(0);
        double[] w = model.getFeatureWeights();
        double[] out = new double[features + 1];
        for (int f = 0; f < features; f++) {
            out[f] = f < w.length ? w[f] : 0.0;
        }
        out[features] = model.getDecfunRho();
        return out;
    }
}
