package io.smartcloudops.bench.forecast;

/**
 * The seasonal-naive reference (and, with a season of 1, the naive one): each value is the one a
 * season earlier, so a forecast {@code h} steps ahead repeats the last season's value at that phase.
 * Its intervals are the textbook ones (Hyndman and Athanasopoulos, <i>Forecasting: Principles and
 * Practice</i>, 3rd ed., 5.5): the one-step residual's root mean square times the square root of
 * the number of whole seasons ahead, {@code floor((h - 1) / m) + 1}, which for {@code m = 1} is
 * the random walk's {@code sqrt(h)}.
 */
final class NaiveForecast implements ForecastMethod {
    private final int season;

    /** @param season the season length {@code m} in steps; 1 is the plain naive forecast */
    NaiveForecast(int season) {
        if (season < 1) {
            throw new IllegalArgumentException("a season is at least 1 step, got " + season);
        }
        this.season = season;
    }

    @Override
    public String name() {
        return season == 1 ? "naive" : "seasonal-naive";
    }

    @Override
    public Prediction predict(double[] train, long stepMillis, int horizon) {
        int n = train.length;
        if (n <= season) {
            throw new IllegalArgumentException(name() + " needs more than " + season + " values, got " + n);
        }
        double sigma = Math.sqrt(meanSquaredDifference(train, season));
        double[] mean = new double[horizon];
        double[] sd = new double[horizon];
        for (int k = 1; k <= horizon; k++) {
            mean[k - 1] = train[n - season + (k - 1) % season];
            sd[k - 1] = sigma * Math.sqrt((k - 1) / season + 1);
        }
        return Prediction.normal(mean, sd);
    }

    /** Mean of {@code (x[t] - x[t - lag])^2}: the in-sample one-step error variance of this method. */
    static double meanSquaredDifference(double[] x, int lag) {
        double s = 0;
        for (int t = lag; t < x.length; t++) {
            double d = x[t] - x[t - lag];
            s += d * d;
        }
        return s / (x.length - lag);
    }

    /** Mean of {@code |x[t] - x[t - lag]|}: MASE's scale, the in-sample MAE of the (seasonal-)naive forecast. */
    static double meanAbsoluteDifference(double[] x, int lag) {
        double s = 0;
        for (int t = lag; t < x.length; t++) {
            s += Math.abs(x[t] - x[t - lag]);
        }
        return s / (x.length - lag);
    }
}
