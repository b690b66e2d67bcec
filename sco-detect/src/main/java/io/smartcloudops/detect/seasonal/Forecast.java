package io.smartcloudops.detect.seasonal;

/**
 * A forecast {@code h} steps ahead with its prediction interval.
 *
 * @param steps how many samples ahead (1 is the next sample)
 * @param mean the point forecast
 * @param lower lower edge of the prediction interval
 * @param upper upper edge of the prediction interval
 */
public record Forecast(int steps, double mean, double lower, double upper) {
    public Forecast {
        if (steps < 1) {
            throw new IllegalArgumentException("a forecast is at least one step ahead, got " + steps);
        }
    }
}
