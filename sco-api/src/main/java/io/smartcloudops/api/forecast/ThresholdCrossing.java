package io.smartcloudops.api.forecast;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * When a forecast reaches a threshold: the time the point forecast gets there with an 80% interval
 * (when the edge of the 80% band nearest the threshold gets there, and when the far edge does), or
 * "not within the horizon" when the point forecast does not get there by {@code horizonEnd}.
 *
 * <pre>{@code
 * crossing.at()
 *         .ifPresentOrElse(
 *                 t -> say("reaches 100% at " + t),
 *                 () -> say("not expected to reach 100% before " + crossing.horizonEnd()));
 * }</pre>
 *
 * @param threshold the value asked about
 * @param at when the point forecast reaches it; empty: not within the horizon
 * @param earliest when the 80% band's edge nearest the threshold reaches it (the early end of the interval); empty: not within the horizon
 * @param latest when the 80% band's far edge reaches it (the late end); empty: not within the horizon
 * @param horizonEnd the end of the forecast horizon
 */
public record ThresholdCrossing(
        double threshold,
        Optional<Instant> at,
        Optional<Instant> earliest,
        Optional<Instant> latest,
        Instant horizonEnd) {
    public ThresholdCrossing {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(earliest, "earliest");
        Objects.requireNonNull(latest, "latest");
        Objects.requireNonNull(horizonEnd, "horizonEnd");
    }

    /** Whether the point forecast reaches the threshold within the horizon. */
    public boolean withinHorizon() {
        return at.isPresent();
    }
}
