package io.smartcloudops.api.chat;

import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.audit.AuditEntry;
import io.smartcloudops.api.audit.AuditQuery;
import io.smartcloudops.api.detect.AnomalyEvent;
import io.smartcloudops.api.forecast.MetricRange;
import io.smartcloudops.api.forecast.SeriesForecast;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A read-only view of every stage of the agent, for ChatOps and the HTTP API.
 *
 * <pre>{@code
 * StatusSnapshot s = view.status();
 * List<Sample> cpu = view.recentSamples(SeriesId.of("node_cpu_usage_percent"), 60);
 * }</pre>
 */
public interface OpsView {

    StatusSnapshot status();

    /** Every series the agent watches. */
    List<SeriesId> series();

    /** The newest samples of a series, oldest first, at most {@code limit}. */
    List<Sample> recentSamples(SeriesId series, int limit);

    /** Newest first. */
    List<AnomalyEvent> anomalies(int limit);

    Optional<AnomalyEvent> anomaly(String id);

    /** Pending and firing alerts, most urgent first. */
    List<Alert> alerts();

    /** The agent's newest log lines at or above {@code minLevel} (TRACE, DEBUG, INFO, WARN, ERROR), oldest first. */
    List<LogLine> logs(int lines, String minLevel);

    List<AuditEntry> audit(AuditQuery query);

    /**
     * Forecasts a series over {@code horizon} from the history the agent retains, with the time it
     * reaches {@code threshold} (NaN: none asked). Empty when this view cannot forecast (it has no
     * forecaster, or does not know the series); a {@link SeriesForecast.Refused} when there is too
     * little history.
     *
     * <pre>{@code
     * view.forecast(disk, Duration.ofDays(1), 90.0).ifPresent(f -> render(f));
     * }</pre>
     */
    default Optional<SeriesForecast> forecast(SeriesId series, Duration horizon, double threshold) {
        return Optional.empty();
    }

    /** {@link #forecast(SeriesId, Duration, double)} with the metric's physical maximum as the threshold (100 for a percentage), if it has one. */
    default Optional<SeriesForecast> forecast(SeriesId series, Duration horizon) {
        MetricRange range = MetricRange.of(series);
        return forecast(series, horizon, range.boundedAbove() ? range.max() : Double.NaN);
    }

    /**
     * The hosts and services this deployment knows (from its configuration, its remotes and its
     * sources' series), which chat resolves named targets against. The default derives them from
     * the series' {@code host} and {@code service} labels; hosts override it with what their
     * configuration knows (for instance the restartable units and the peer hosts).
     */
    default KnownTargets knownTargets() {
        KnownTargets.Builder b = KnownTargets.builder();
        for (SeriesId id : series()) {
            String host = id.labels().get("host");
            if (host != null) {
                String service = id.labels().get("service");
                if (service != null) {
                    b.host(host, service);
                } else {
                    b.host(host);
                }
            }
        }
        return b.build();
    }
}
