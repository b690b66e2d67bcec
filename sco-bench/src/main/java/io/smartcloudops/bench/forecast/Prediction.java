package io.smartcloudops.bench.forecast;

/**
 * A method's forecast of the next {@code horizon} values after a training window, with its 80% and
 * 95% prediction intervals; index 0 is one step ahead.
 */
record Prediction(double[] mean, double[] lower80, double[] upper80, double[] lower95, double[] upper95) {
    static final double Z80 = 1.2815515655446004;
    static final double Z95 = 1.959963984540054;

    Prediction {
        int h = mean.length;
        if (lower80.length != h || upper80.length != h || lower95.length != h || upper95.length != h) {
            throw new IllegalArgumentException("a prediction's mean and interval arrays must have one length");
        }
    }

    /** Normal intervals around {@code mean} with standard deviations {@code sd}, as the references state them. */
    static Prediction normal(double[] mean, double[] sd) {
        int h = mean.length;
        double[] l80 = new double[h];
        double[] u80 = new double[h];
        double[] l95 = new double[h];
        double[] u95 = new double[h];
        for (int k = 0; k < h; k++) {
            l80[k] = mean[k] - Z80 * sd[k];
            u80[k] = mean[k] + Z80 * sd[k];
            l95[k] = mean[k] - Z95 * sd[k];
            u95[k] = mean[k] + Z95 * sd[k];
        }
        return new Prediction(mean, l80, u80, l95, u95);
    }

    int horizon() {
        return mean.length;
    }
}
