package io.smartcloudops.api.forecast;

import io.smartcloudops.api.metric.SeriesId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A forecaster's answer about one series: either a {@link Projection} or a {@link Refused} saying how
 * much history a forecast needs and how much there is.
 *
 * <pre>{@code
 * SeriesForecast f = forecaster.forecast(disk, history, Duration.ofDays(1), 100.0);
 * if (f instanceof SeriesForecast.Refused r) {
 *     say(r.reason());
 * } else if (f instanceof SeriesForecast.Projection p) {
 *     say(p.crossing()
 *             .flatMap(ThresholdCrossing::at)
 *             .map(t -> "reaches 100% at " + t)
 *             .orElse("not within a day"));
 * }
 * }</pre>
 */
public sealed interface SeriesForecast permits SeriesForecast.Projection, SeriesForecast.Refused {

    SeriesId series();

    /**
     * Not enough history to forecast.
     *
     * @param neededSamples samples a forecast needs
     * @param availableSamples usable (finite) samples there are
     * @param neededSpan how long that takes at the series' sampling interval
     * @param availableSpan the time the usable samples cover
     */
    record Refused(
            SeriesId series, int neededSamples, int availableSamples, Duration neededSpan, Duration availableSpan)
            implements SeriesForecast {
        public Refused {
            Objects.requireNonNull(series, "series");
            Objects.requireNonNull(neededSpan, "neededSpan");
            Objects.requireNonNull(availableSpan, "availableSpan");
        }

        /** What is missing, in a sentence an operator can act on. */
        public String reason() {
            return "a forecast needs at least " + neededSamples + " samples (about " + neededSpan.toSeconds()
                    + " s of history); " + "there " + (availableSamples == 1 ? "is 1" : "are " + availableSamples)
                    + " (" + availableSpan.toSeconds() + " s)";
        }
    }

    /**
     * Where the series is heading.
     *
     * @param from the newest sample's time, where the forecast starts
     * @param last the newest sample's value
     * @param step the series' sampling interval the forecaster worked at
     * @param range the physical range every value here lies within
     * @param points forecasts from {@code from} to the horizon's end, oldest first
     * @param crossing when the threshold asked about is reached; empty when none was asked
     * @param model what produced it, with its findings (the season found, whether the trend was significant)
     * @param samples how many samples it learned from
     */
    record Projection(
            SeriesId series,
            Instant from,
            double last,
            Duration step,
            MetricRange range,
            List<ForecastPoint> points,
            Optional<ThresholdCrossing> crossing,
            String model,
            int samples)
            implements SeriesForecast {
        public Projection {
            Objects.requireNonNull(series, "series");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(range, "range");
            Objects.requireNonNull(crossing, "crossing");
            Objects.requireNonNull(model, "model");
            points = List.copyOf(points);
            if (points.isEmpty()) {
                throw new IllegalArgumentException("a projection has at least one point");
            }
        }

        /** The forecast at the end of the horizon. */
        public ForecastPoint end() {
            return points.get(points.size() - 1);
        }
    }
}
