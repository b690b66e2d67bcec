package io.smartcloudops.chat.internal.answer;

import io.smartcloudops.api.metric.Sample;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A least-squares line through recent samples, for forecasts. Deliberately simple: operators read
 * "at this rate the disk is full in 3 days", and a straight line is what that sentence means.
 *
 * @param slopePerHour change of the value per hour, fitted by least squares
 * @param last the newest finite sample's value
 * @param lastMillis its timestamp
 */
record TrendProjection(double slopePerHour, double last, long lastMillis, int samples) {

    private static final double MILLIS_PER_HOUR = 3_600_000.0;

    /** The fitted line, or empty with fewer than three finite samples or no time spread. */
    static Optional<TrendProjection> fit(List<Sample> samples) {
        List<Sample> finite = samples.stream().filter(s -> Double.isFinite(s.value())).toList();
        if (finite.size() < 3) {
            return Optional.empty();
        }
        long t0 = finite.get(0).timestampMillis();
        double n = finite.size();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (Sample s : finite) {
            double x = (s.timestampMillis() - t0) / MILLIS_PER_HOUR;
            sx += x;
            sy += s.value();
            sxx += x * x;
            sxy += x * s.value();
        }
        double denominator = n * sxx - sx * sx;
        if (denominator <= 0) {
            return Optional.empty();
        }
        double slope = (n * sxy - sx * sy) / denominator;
        Sample newest = finite.get(finite.size() - 1);
        // Anchored at the newest value rather than the fitted intercept: "from where we are now, at this rate".
        return Optional.of(new TrendProjection(slope, newest.value(), newest.timestampMillis(), finite.size()));
    }

    /** The value the line reaches {@code ahead} after the newest sample. */
    double valueAfter(Duration ahead) {
        return last + slopePerHour * ahead.toMillis() / MILLIS_PER_HOUR;
    }

    /** How long until the line reaches {@code limit}, if it is heading there. */
    Optional<Duration> timeUntil(double limit) {
        if (slopePerHour <= 0 || last >= limit) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(Math.round((limit - last) / slopePerHour * MILLIS_PER_HOUR)));
    }
}
