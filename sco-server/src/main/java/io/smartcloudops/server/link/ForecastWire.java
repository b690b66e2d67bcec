package io.smartcloudops.server.link;

import io.smartcloudops.api.forecast.ForecastPoint;
import io.smartcloudops.api.forecast.MetricRange;
import io.smartcloudops.api.forecast.SeriesForecast;
import io.smartcloudops.api.forecast.ThresholdCrossing;
import io.smartcloudops.api.metric.SeriesId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A {@link SeriesForecast} on the link: one flat record (absent values as null) rather than the
 * sealed type and its {@code Optional}s, which the codec's records-as-JSON mapping cannot carry.
 *
 * @param refused true for a {@link SeriesForecast.Refused}
 */
public record ForecastWire(
        SeriesId series,
        boolean refused,
        int neededSamples,
        int availableSamples,
        Duration neededSpan,
        Duration availableSpan,
        Instant from,
        double last,
        Duration step,
        double min,
        double max,
        List<ForecastPoint> points,
        Double threshold,
        Instant at,
        Instant earliest,
        Instant latest,
        Instant horizonEnd,
        String model,
        int samples) {

    static ForecastWire of(SeriesForecast f) {
        if (f instanceof SeriesForecast.Refused r) {
            return new ForecastWire(
                    r.series(),
                    true,
                    r.neededSamples(),
                    r.availableSamples(),
                    r.neededSpan(),
                    r.availableSpan(),
                    null,
                    Double.NaN,
                    null,
                    0,
                    1,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    0);
        }
        SeriesForecast.Projection p = (SeriesForecast.Projection) f;
        Optional<ThresholdCrossing> c = p.crossing();
        return new ForecastWire(
                p.series(),
                false,
                0,
                0,
                null,
                null,
                p.from(),
                p.last(),
                p.step(),
                p.range().min(),
                p.range().max(),
                p.points(),
                c.map(ThresholdCrossing::threshold).orElse(null),
                c.flatMap(ThresholdCrossing::at).orElse(null),
                c.flatMap(ThresholdCrossing::earliest).orElse(null),
                c.flatMap(ThresholdCrossing::latest).orElse(null),
                c.map(ThresholdCrossing::horizonEnd).orElse(null),
                p.model(),
                p.samples());
    }

    SeriesForecast toForecast() {
        if (refused) {
            return new SeriesForecast.Refused(series, neededSamples, availableSamples, neededSpan, availableSpan);
        }
        Optional<ThresholdCrossing> crossing = threshold == null
                ? Optional.empty()
                : Optional.of(new ThresholdCrossing(
                        threshold,
                        Optional.ofNullable(at),
                        Optional.ofNullable(earliest),
                        Optional.ofNullable(latest),
                        horizonEnd));
        return new SeriesForecast.Projection(
                series, from, last, step, new MetricRange(min, max), points, crossing, model, samples);
    }
}
