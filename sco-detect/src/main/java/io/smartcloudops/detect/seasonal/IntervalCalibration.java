package io.smartcloudops.detect.seasonal;

import java.util.Arrays;

/**
 * How many of the model's standard deviations an 80% and a 95% interval span at each lead, learnt
 * from forecasts the model made of values it had not been fitted to (split conformal prediction
 * with scores normalised by the standard deviation the model's recursions give; Lei et al. 2018,
 * section 5.2). The
 * errors of operations metrics have heavier tails than a normal's: a normal 80% interval as wide as
 * 1.28 standard deviations holds more than 80% of them while its 95% interval holds about 95%, and
 * how much heavier differs from series to series and from lead to lead. The factors are measured at
 * a few leads and interpolated in the logarithm of the lead between them; past the last one the
 * model's own growth of the standard deviation carries on. A lead with too few scores for a level
 * (the conformal quantile needs {@code ceil((n + 1) level) <= n}) keeps the normal factor there.
 *
 * @param leads the leads measured, ascending, each at least 1
 * @param z80 half-width of the 80% interval in standard deviations, one per lead
 * @param z95 half-width of the 95% interval in standard deviations, one per lead, never below {@code z80}
 */
record IntervalCalibration(int[] leads, double[] z80, double[] z95) {
    static final double NORMAL_Z80 = 1.2815515655446004;
    static final double NORMAL_Z95 = 1.959963984540054;

    IntervalCalibration {
        if (leads.length == 0 || z80.length != leads.length || z95.length != leads.length) {
            throw new IllegalArgumentException("a calibration needs one 80% and one 95% factor per lead");
        }
    }

    /** The normal distribution's factors at every lead: what the intervals were before any calibration. */
    static IntervalCalibration normal() {
        return new IntervalCalibration(new int[] {1}, new double[] {NORMAL_Z80}, new double[] {NORMAL_Z95});
    }

    /**
     * The factors from normalised scores, {@code |error| / sd}, one array per lead: at each lead the
     * finite-sample conformal quantiles (the {@code ceil((n + 1) level)}-th smallest score).
     */
    static IntervalCalibration of(int[] leads, double[][] scores) {
        double[] z80 = new double[leads.length];
        double[] z95 = new double[leads.length];
        for (int j = 0; j < leads.length; j++) {
            double[] s = scores[j].clone();
            Arrays.sort(s);
            z80[j] = conformalQuantile(s, 0.80, NORMAL_Z80);
            z95[j] = Math.max(z80[j], conformalQuantile(s, 0.95, NORMAL_Z95));
        }
        return new IntervalCalibration(leads.clone(), z80, z95);
    }

    private static double conformalQuantile(double[] sorted, double level, double fallback) {
        int n = sorted.length;
        int rank = (int) Math.ceil((n + 1) * level);
        return rank <= n && rank >= 1 ? sorted[rank - 1] : fallback;
    }

    /** The 80% half-width at {@code steps} ahead, in standard deviations. */
    double z80(int steps) {
        return at(z80, steps);
    }

    /** The 95% half-width at {@code steps} ahead, in standard deviations. */
    double z95(int steps) {
        return at(z95, steps);
    }

    private double at(double[] z, int steps) {
        // the common case first: a time-to-threshold search asks for every step up to a day ahead
        if (steps >= leads[leads.length - 1]) {
            return z[z.length - 1];
        }
        if (steps <= leads[0]) {
            return z[0];
        }
        for (int j = 1; j < leads.length; j++) {
            if (steps <= leads[j]) {
                double w = Math.log((double) steps / leads[j - 1]) / Math.log((double) leads[j] / leads[j - 1]);
                return z[j - 1] + w * (z[j] - z[j - 1]);
            }
        }
        return z[z.length - 1];
    }
}
