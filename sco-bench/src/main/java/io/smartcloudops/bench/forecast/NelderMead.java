package io.smartcloudops.bench.forecast;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/**
 * Nelder and Mead's downhill simplex (1965) with the standard coefficients (reflection 1,
 * expansion 2, contraction 0.5, shrink 0.5): a derivative-free minimiser, the one R's
 * {@code forecast::ets} uses for the same job of fitting smoothing parameters to the one-step
 * squared error.
 *
 * @param maxEvaluations the objective is called at most this often (plus one final simplex)
 * @param tolerance stop once the simplex's values differ by less than this, relative to their size
 */
record NelderMead(int maxEvaluations, double tolerance) {

    /** The point of lowest {@code f} found from a simplex around {@code start} with sides {@code step}. */
    double[] minimise(ToDoubleFunction<double[]> f, double[] start, double step) {
        int d = start.length;
        double[][] x = new double[d + 1][];
        double[] fx = new double[d + 1];
        for (int i = 0; i <= d; i++) {
            x[i] = start.clone();
            if (i > 0) {
                x[i][i - 1] += step;
            }
            fx[i] = f.applyAsDouble(x[i]);
        }
        int evaluations = d + 1;
        Integer[] order = new Integer[d + 1];
        while (evaluations < maxEvaluations) {
            for (int i = 0; i <= d; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(fx[a], fx[b]));
            int best = order[0];
            int worst = order[d];
            int second = order[d - 1];
            if (Math.abs(fx[worst] - fx[best]) <= tolerance * (Math.abs(fx[best]) + 1e-300)) {
                break;
            }
            double[] centroid = new double[d];
            for (int i = 0; i <= d; i++) {
                if (i != worst) {
                    for (int j = 0; j < d; j++) {
                        centroid[j] += x[i][j] / d;
                    }
                }
            }
            double[] reflected = along(centroid, x[worst], -1.0);
            double fr = f.applyAsDouble(reflected);
            evaluations++;
            if (fr < fx[best]) {
                double[] expanded = along(centroid, x[worst], -2.0);
                double fe = f.applyAsDouble(expanded);
                evaluations++;
                if (fe < fr) {
                    x[worst] = expanded;
                    fx[worst] = fe;
                } else {
                    x[worst] = reflected;
                    fx[worst] = fr;
                }
            } else if (fr < fx[second]) {
                x[worst] = reflected;
                fx[worst] = fr;
            } else {
                boolean outside = fr < fx[worst];
                double[] contracted = along(centroid, outside ? reflected : x[worst], 0.5);
                double fc = f.applyAsDouble(contracted);
                evaluations++;
                if (fc < (outside ? fr : fx[worst])) {
                    x[worst] = contracted;
                    fx[worst] = fc;
                } else {
                    for (int i = 0; i <= d; i++) {
                        if (i != best) {
                            x[i] = along(x[best], x[i], 0.5);
                            fx[i] = f.applyAsDouble(x[i]);
                            evaluations++;
                        }
                    }
                }
            }
        }
        int best = 0;
        for (int i = 1; i <= d; i++) {
            if (fx[i] < fx[best]) {
                best = i;
            }
        }
        return x[best];
    }

    /** {@code from + t * (to - from)}. */
    private static double[] along(double[] from, double[] to, double t) {
        double[] out = new double[from.length];
        for (int j = 0; j < from.length; j++) {
            out[j] = from[j] + t * (to[j] - from[j]);
        }
        return out;
    }
}
