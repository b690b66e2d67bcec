package io.smartcloudops.detect.seasonal;

import io.smartcloudops.api.detect.Detector;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A detector that can also say where its series is heading, from its streaming state alone. Chat,
 * the HTTP API and {@code Ops.forecast} answer with {@link SeasonalSeriesForecaster}, the same
 * model fitted to the retained history, which needs far fewer samples to tell a trend from noise;
 * use it for time-to-threshold questions from short histories.
 *
 * <pre>{@code
 * if (detector instanceof ForecastingDetector f) {
 *     Optional<Duration> full = f.timeToThreshold(95.0, 288); // disk full within a day?
 * }
 * }</pre>
 */
public interface ForecastingDetector extends Detector {

    /** The next {@code horizon} samples' forecasts with prediction intervals. */
    List<Forecast> forecast(int horizon);

    /**
     * How long until the point forecast reaches {@code threshold}, looking at most {@code maxHorizon}
     * samples ahead, at the series' observed sampling interval; empty when it does not get there.
     * The trend is damped per unit of time ({@link SeasonalSeriesForecaster#TREND_MEMORY}) and not
     * extrapolated while it is within the noise its one-step errors would give it.
     */
    Optional<Duration> timeToThreshold(double threshold, int maxHorizon);
}
