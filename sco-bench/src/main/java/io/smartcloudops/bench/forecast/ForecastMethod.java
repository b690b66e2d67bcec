package io.smartcloudops.bench.forecast;

/** One way of forecasting a regularly spaced series from a training window, product or reference. */
interface ForecastMethod {

    String name();

    /**
     * Forecasts {@code horizon} steps after {@code train}.
     *
     * @param train the training window, oldest first, finite, regularly spaced
     * @param stepMillis the spacing, for methods that take timed samples
     */
    Prediction predict(double[] train, long stepMillis, int horizon);
}
