package io.smartcloudops.server.link;

import com.fasterxml.jackson.core.type.TypeReference;
import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.audit.AuditEntry;
import io.smartcloudops.api.audit.AuditQuery;
import io.smartcloudops.api.chat.KnownTargets;
import io.smartcloudops.api.chat.LogLine;
import io.smartcloudops.api.chat.StatusSnapshot;
import io.smartcloudops.api.detect.AnomalyEvent;
import io.smartcloudops.api.forecast.SeriesForecast;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.runtime.ChartPoint;
import io.smartcloudops.runtime.HostView;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The monitor's state, read over the link: what the application host's HTTP API and chat show.
 * Nothing is cached, so the app never answers from stale state; when the monitor cannot be
 * reached every call fails with a {@link PeerUnavailableException} that says so.
 */
public final class RemoteOpsView implements HostView {
    static final String BASE = "/link/v1";

    private final PeerClient monitor;

    public RemoteOpsView(PeerClient monitor) {
        this.monitor = Objects.requireNonNull(monitor);
    }

    /** The body of {@code POST /link/v1/forecast}; a NaN threshold travels as null. */
    public record ForecastQuery(SeriesId series, Duration horizon, Double threshold) {}

    /** The body of {@code POST /link/v1/points}. */
    public record PointsQuery(SeriesId series, int limit) {}

    @Override
    public StatusSnapshot status() {
        return monitor.get(BASE + "/status", Map.of(), new TypeReference<>() {});
    }

    /** The monitor's targets: its series' hosts and services, and the peer hosts it acts on. */
    @Override
    public KnownTargets knownTargets() {
        return monitor.get(BASE + "/targets", Map.of(), new TypeReference<>() {});
    }

    @Override
    public List<SeriesId> series() {
        return monitor.get(BASE + "/series", Map.of(), new TypeReference<>() {});
    }

    @Override
    public List<ChartPoint> points(SeriesId series, int limit) {
        return monitor.post(BASE + "/points", new PointsQuery(series, limit), new TypeReference<>() {});
    }

    @Override
    public List<Sample> recentSamples(SeriesId series, int limit) {
        return points(series, limit).stream()
                .map(p -> new Sample(series, p.timestampMillis(), p.value()))
                .toList();
    }

    @Override
    public List<AnomalyEvent> anomalies(int limit) {
        return monitor.get(BASE + "/anomalies", Map.of("limit", Integer.toString(limit)), new TypeReference<>() {});
    }

    @Override
    public Optional<AnomalyEvent> anomaly(String id) {
        List<AnomalyEvent> found = monitor.get(BASE + "/anomalies", Map.of("id", id), new TypeReference<>() {});
        return found.stream().findFirst();
    }

    @Override
    public List<Alert> alerts() {
        return monitor.get(BASE + "/alerts", Map.of(), new TypeReference<>() {});
    }

    @Override
    public List<LogLine> logs(int lines, String minLevel) {
        return monitor.get(
                BASE + "/logs", Map.of("lines", Integer.toString(lines), "level", minLevel), new TypeReference<>() {});
    }

    @Override
    public List<AuditEntry> audit(AuditQuery query) {
        return monitor.post(BASE + "/audit", query, new TypeReference<>() {});
    }

    /** The monitor's forecast, made where the history is. */
    @Override
    public Optional<SeriesForecast> forecast(SeriesId series, Duration horizon, double threshold) {
        List<ForecastWire> found = monitor.post(
                BASE + "/forecast",
                new ForecastQuery(series, horizon, Double.isNaN(threshold) ? null : threshold),
                new TypeReference<>() {});
        return found.stream().findFirst().map(ForecastWire::toForecast);
    }

    /** A forecast as the link carries it, for the monitor's side of {@code /link/v1/forecast}. */
    public static List<ForecastWire> wire(Optional<SeriesForecast> forecast) {
        return forecast.map(ForecastWire::of).stream().toList();
    }
}
