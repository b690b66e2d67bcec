package io.smartcloudops.detect.seasonal;

/**
 * What {@link SeasonalForecaster#fit} reads off a whole history before replaying the model over it:
 * the season length (from the autocorrelation, unless known), the season as detrended phase means,
 * the trend by least squares on the deseasonalised values with its standard error and test, and the
 * level one step before the first value. The season is handed to the one forecaster built from it,
 * not copied.
 *
 * @param period the season length, 0 for none
 * @param season the season's offsets, null without one
 * @param level the level one step before the first value
 * @param trend the slope the forecasts carry, per sample (0 when not significant)
 * @param trendSe the slope's standard error, per sample
 */
record HistoryDecomposition(int period, Season season, double level, double trend, double trendSe) {
    /**
     * Decomposes {@code x}.
     *
     * @param knownPeriod the season length to use, 0 for none, or -1 to find it in {@code x}
     */
    static HistoryDecomposition of(double[] x, SeasonalParameters p, int knownPeriod) {
        int n = x.length;
        if (n < Math.max(3, 2 * p.minPeriod())) {
            throw new IllegalArgumentException(
                    "fitting needs at least " + Math.max(3, 2 * p.minPeriod()) + " values, got " + n);
        }
        int maxPeriod = Math.min(p.maxPeriod(), n / 3);
        int period;
        if (knownPeriod >= 0) {
            period = knownPeriod;
        } else {
            period = maxPeriod >= p.minPeriod()
                    ? PeriodDetector.detect(x, n, p.minPeriod(), maxPeriod, p.minCorrelation())
                    : 0;
        }
        Season season = null;
        if (period > 0) {
            double[] offsets = new double[period];
            int[] seen = new int[period];
            // phase means of the linearly detrended values: a trend must not leak into the season
            double[] d = detrended(x);
            for (int i = 0; i < n; i++) {
                offsets[i % period] += d[i];
                seen[i % period]++;
            }
            double centre = 0;
            for (int j = 0; j < period; j++) {
                offsets[j] /= seen[j];
                centre += offsets[j] / period;
            }
            for (int j = 0; j < period; j++) {
                offsets[j] -= centre;
            }
            season = Season.of(offsets);
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            // the season as it is coded: the trend is fitted to what the replay will take out
            y[i] = x[i] - (season == null ? 0.0 : season.at(i % period));
        }
        LineFit line = LineFit.of(y);
        double slope = line.slope();
        double sxx = line.sxx();
        double rss = 0;
        double lagged = 0;
        double previous = 0;
        for (int i = 0; i < n; i++) {
            double r = line.residual(y, i);
            rss += r * r;
            lagged += i > 0 ? r * previous : 0;
            previous = r;
        }
        // lag-1 autocorrelation of the residuals, corrected for its small-sample bias towards zero
        // (Kendall: about (1 + 3 rho) / n), since over a short history a wandering series would
        // otherwise pass for a trend
        double raw = rss > 0 ? lagged / rss : 0.0;
        double rho = Math.max(0.0, Math.min(0.99, raw + (1 + 3 * Math.max(0.0, raw)) / n));
        double se = Math.sqrt(rss / Math.max(1, n - 2) / sxx * (1 + rho) / (1 - rho));
        if (rho > 0.5) {
            // residuals this persistent are a series that wanders: its slope must also stand out
            // against the slope a driftless random walk with these steps would give the line
            double meanStep = (y[n - 1] - y[0]) / (n - 1);
            double stepVar = 0;
            for (int i = 1; i < n; i++) {
                double dev = y[i] - y[i - 1] - meanStep;
                stepVar += dev * dev;
            }
            se = Math.max(se, Math.sqrt(stepVar / Math.max(1, n - 2) * randomWalkSlopeVariance(n, sxx)));
        }
        double trend = Math.abs(slope) > 1.96 * se ? slope : 0.0;
        // starting one step before the first value, so the replay's first forecast is the fitted line's
        double level = line.mean() - slope * line.meanIndex() - trend;
        return new HistoryDecomposition(period, season, level, trend, se);
    }

    /**
     * The streaming forecaster's start from its learning window, whose season length is known: the
     * season as the mean offset of each phase from its cycle's mean over the whole cycles at the
     * window's end, and the trend as the slope between the first and last cycle's means.
     */
    static HistoryDecomposition ofCycles(double[] x, int period) {
        int n = x.length;
        int cycles = n / period;
        int start = n - cycles * period;
        double[] offsets = new double[period];
        double firstMean = 0;
        double lastMean = 0;
        for (int c = 0; c < cycles; c++) {
            double mean = 0;
            for (int j = 0; j < period; j++) {
                mean += x[start + c * period + j];
            }
            mean /= period;
            firstMean = c == 0 ? mean : firstMean;
            lastMean = mean;
            for (int j = 0; j < period; j++) {
                int i = start + c * period + j;
                offsets[i % period] += (x[i] - mean) / cycles;
            }
        }
        double slope = cycles > 1 ? (lastMean - firstMean) / ((cycles - 1.0) * period) : 0.0;
        return new HistoryDecomposition(
                period, Season.of(offsets), firstMean - slope * (period - 1) / 2.0, slope, Double.NaN);
    }

    /**
     * The variance of the least-squares slope through {@code n} points of a driftless random walk
     * with unit steps. The slope is {@code sum c_t y_t} with {@code c_t = (t - mean t) / sxx}, and
     * step {@code s} enters every {@code y_t} from {@code t = s} on, so its weight is the tail sum
     * {@code w_s = sum_{t >= s} c_t} and the variance {@code sum w_s^2}: about {@code 6 / (5 n)}
     * (Durlauf and Phillips 1988), a fifth more than the {@code 1 / (n - 1)} of the mean step, which
     * is what a test against the mean step under-allowed for.
     */
    static double randomWalkSlopeVariance(int n, double sxx) {
        double meanIndex = (n - 1) / 2.0;
        double tail = 0;
        double sum = 0;
        for (int t = n - 1; t >= 1; t--) {
            tail += (t - meanIndex) / sxx;
            sum += tail * tail;
        }
        return sum;
    }

    private static double[] detrended(double[] x) {
        LineFit line = LineFit.of(x);
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = line.residual(x, i);
        }
        return d;
    }

    /** Least squares of {@code y[i]} on {@code i}: one fit for the trend test and for detrending. */
    private record LineFit(double meanIndex, double mean, double sxx, double slope) {
        static LineFit of(double[] y) {
            int n = y.length;
            double meanIndex = (n - 1) / 2.0;
            double mean = 0;
            for (double v : y) {
                mean += v;
            }
            mean /= n;
            double sxx = 0;
            double sxy = 0;
            for (int i = 0; i < n; i++) {
                sxx += (i - meanIndex) * (i - meanIndex);
                sxy += (i - meanIndex) * (y[i] - mean);
            }
            return new LineFit(meanIndex, mean, sxx, sxx > 0 ? sxy / sxx : 0);
        }

        double residual(double[] y, int i) {
            return y[i] - mean - slope * (i - meanIndex);
        }
    }
}
