package io.smartcloudops.api.detect;

/**
 * A detector's verdict on one sample, with its explanation.
 *
 * <pre>{@code
 * Score s = detector.update(sample);
 * if (s.value() > 0.9) log.warn("{} expected {} in [{}, {}]", s.reason(), s.expected(), s.lower(), s.upper());
 * }</pre>
 *
 * @param value anomaly likelihood in [0, 1]
 * @param expected the value the detector expected (NaN while it has no opinion)
 * @param lower lower edge of the expected band
 * @param upper upper edge of the expected band
 * @param component which part of the detector fired (for an ensemble, the member)
 * @param reason a short human explanation
 */
public record Score(double value, double expected, double lower, double upper, String component, String reason) {
    public Score {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException("score must be in [0, 1], got " + value);
        }
        component = component == null ? "" : component;
        reason = reason == null ? "" : reason;
    }

    /** The score of a sample the detector did not judge (warm-up, NaN input). */
    public static Score none(String reason) {
        return new Score(0.0, Double.NaN, Double.NaN, Double.NaN, "", reason);
    }

    /** The deviation from the expected value, or NaN when none is known. */
    public double deviation(double observed) {
        return observed - expected;
    }
}
