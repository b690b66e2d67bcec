package io.smartcloudops.api.forecast;

import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import java.time.Duration;
import java.util.List;

/**
 * Forecasts a series from its history. Implementations refuse rather than guess from too little
 * history, keep every value within {@link MetricRange#of(SeriesId)}, and give 80% and 95%
 * intervals.
 *
 * <pre>{@code
 * SeriesForecast f = forecaster.forecast(disk, view.recentSamples(disk, 240), Duration.ofDays(1), 100.0);
 * }</pre>
 */
public interface Forecaster {

    /**
     * Forecasts {@code series} over {@code horizon} after its newest sample.
     *
     * @param history samples of the series, any order; non-finite values are ignored
     * @param threshold the value to report the time-to-threshold of; NaN for none
     */
    SeriesForecast forecast(SeriesId series, List<Sample> history, Duration horizon, double threshold);
}
