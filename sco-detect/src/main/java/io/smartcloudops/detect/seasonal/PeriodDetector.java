package io.smartcloudops.detect.seasonal;

/**
 * Finds the dominant season of a stretch of samples from its autocorrelation: the lag, within
 * bounds, of the highest local maximum of the autocorrelation of the linearly detrended values,
 * provided it is strong enough to be a pattern rather than noise.
 */
final class PeriodDetector {
    /** How much weaker than the strongest a shorter season's autocorrelation may be and still be preferred. */
    private static final double NEARLY = 0.1;

    private PeriodDetector() {}

    /** The period in samples, or 0 when no lag in {@code [minPeriod, maxPeriod]} correlates above {@code minCorrelation}. */
    static int detect(double[] x, int n, int minPeriod, int maxPeriod, double minCorrelation) {
        int maxLag = Math.min(maxPeriod, n / 2);
        if (maxLag < minPeriod + 1) {
            return 0;
        }
        double[] d = detrended(x, n);
        double energy = 0;
        for (int i = 0; i < n; i++) {
            energy += d[i] * d[i];
        }
        if (!(energy > 0)) {
            return 0;
        }
        double[] acf = new double[maxLag + 2];
        for (int k = minPeriod - 1; k <= maxLag + 1 && k < n; k++) {
            double s = 0;
            for (int i = 0; i + k < n; i++) {
                s += d[i] * d[i + k];
            }
            // scaled by n / (n - k) so that long lags are not penalised for having fewer pairs
            acf[k] = s / energy * n / (n - k);
        }
        double strongest = minCorrelation;
        for (int k = minPeriod; k <= maxLag; k++) {
            if (isPeak(acf, k)) {
                strongest = Math.max(strongest, acf[k]);
            }
        }
        // a season repeats at every multiple of itself: the shortest lag nearly as strong as the
        // strongest is the season, a clearly stronger longer one (a week over a day) wins
        for (int k = minPeriod; k <= maxLag; k++) {
            if (isPeak(acf, k) && acf[k] > minCorrelation && acf[k] >= strongest - NEARLY) {
                return k;
            }
        }
        return 0;
    }

    private static boolean isPeak(double[] acf, int k) {
        return acf[k] >= acf[k - 1] && acf[k] >= acf[k + 1];
    }

    private static double[] detrended(double[] x, int n) {
        double meanI = (n - 1) / 2.0;
        double meanX = 0;
        for (int i = 0; i < n; i++) {
            meanX += x[i];
        }
        meanX /= n;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += (i - meanI) * (x[i] - meanX);
            sxx += (i - meanI) * (i - meanI);
        }
        double slope = sxx > 0 ? sxy / sxx : 0;
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = x[i] - meanX - slope * (i - meanI);
        }
        return d;
    }
}
