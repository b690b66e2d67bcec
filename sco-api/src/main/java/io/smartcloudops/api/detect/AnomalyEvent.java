package io.smartcloudops.api.detect;

import io.smartcloudops.api.metric.SeriesId;
import java.util.Objects;

/**
 * A sample whose score crossed the detection threshold.
 *
 * <pre>{@code
 * // what a listener of the loop (sco-runtime's OpsListener.onAnomaly) is given
 * void onAnomaly(AnomalyEvent e) {
 *     log.warn("{} at {}: {}", e.series(), e.timestampMillis(), e.score().reason());
 * }
 * }</pre>
 *
 * @param id stable identifier (for "explain anomaly 12")
 * @param detector the detector that scored it
 */
public record AnomalyEvent(
        String id, SeriesId series, long timestampMillis, double value, Score score, String detector) {
    public AnomalyEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(score, "score");
        Objects.requireNonNull(detector, "detector");
    }
}
