package io.smartcloudops.api.forecast;

import java.time.Instant;
import java.util.Objects;

/**
 * One forecast instant with its 80% and 95% prediction intervals, all within the metric's
 * {@link MetricRange}.
 *
 * <pre>{@code
 * ForecastPoint p = projection.points().get(projection.points().size() - 1);
 * String text = p.mean() + " (80%: " + p.lower80() + "–" + p.upper80() + ")";
 * }</pre>
 */
public record ForecastPoint(Instant at, double mean, double lower80, double upper80, double lower95, double upper95) {
    public ForecastPoint {
        Objects.requireNonNull(at, "at");
        if (!(lower95 <= lower80 && lower80 <= mean && mean <= upper80 && upper80 <= upper95)) {
            throw new IllegalArgumentException("intervals must nest around the mean: " + lower95 + " <= " + lower80
                    + " <= " + mean + " <= " + upper80 + " <= " + upper95);
        }
    }
}
