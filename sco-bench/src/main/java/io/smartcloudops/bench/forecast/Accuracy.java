package io.smartcloudops.bench.forecast;

/**
 * Accumulates one method's errors at one horizon over rolling origins: MASE (each absolute error
 * divided by its origin's in-sample (seasonal-)naive MAE, then averaged; Hyndman and Koehler 2006),
 * sMAPE ({@code 200 |y - f| / (|y| + |f|)}, 0 when both are 0; on a 0–200 scale), and how often the
 * actual value fell inside the 80% and 95% intervals (ends included).
 */
final class Accuracy {
    private long count;
    private double scaledError;
    private double smape;
    private long inside80;
    private long inside95;

    /**
     * @param actual the value that came
     * @param scale the origin's in-sample MAE of the scaling forecast, positive
     */
    void add(double actual, double mean, double lower80, double upper80, double lower95, double upper95, double scale) {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("MASE needs a positive in-sample scale, got " + scale);
        }
        double error = Math.abs(actual - mean);
        count++;
        scaledError += error / scale;
        double denominator = Math.abs(actual) + Math.abs(mean);
        smape += denominator == 0 ? 0.0 : 200 * error / denominator;
        inside80 += actual >= lower80 && actual <= upper80 ? 1 : 0;
        inside95 += actual >= lower95 && actual <= upper95 ? 1 : 0;
    }

    long count() {
        return count;
    }

    double mase() {
        return scaledError / count;
    }

    double smape() {
        return smape / count;
    }

    double coverage80() {
        return (double) inside80 / count;
    }

    double coverage95() {
        return (double) inside95 / count;
    }
}
