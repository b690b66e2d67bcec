package io.smartcloudops.detect.seasonal;

import io.smartcloudops.api.detect.Detector;
import java.util.List;

/**
 * A detector that can also say where its series is heading, from its streaming state alone: the
 * next samples' forecasts with their intervals. Time-to-threshold is {@link SeasonalSeriesForecaster}'s
 * job, the one forecaster chat, the HTTP API and {@code Ops.forecast} answer with: fitted to the
 * retained history, it tells a trend from noise from minutes of samples, where the streaming state is
 * still learning (a streaming time-to-threshold made 10.3% false claims on random walks and 17.8% hits
 * on filling disks, against the forecaster's 3.5% and 94.3%, so it was removed).
 *
 * <pre>{@code
 * if (detector instanceof ForecastingDetector f) {
 *     List<Forecast> next = f.forecast(12); // the next twelve samples, with prediction intervals
 * }
 * }</pre>
 */
public interface ForecastingDetector extends Detector {

    /** The next {@code horizon} samples' forecasts with prediction intervals. */
    List<Forecast> forecast(int horizon);
}
