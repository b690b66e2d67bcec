package io.smartcloudops.chat.llm;

import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.audit.AuditEntry;
import io.smartcloudops.api.audit.AuditQuery;
import io.smartcloudops.api.chat.LogLine;
import io.smartcloudops.api.chat.OpsView;
import io.smartcloudops.api.chat.StatusSnapshot;
import io.smartcloudops.api.detect.AnomalyEvent;
import io.smartcloudops.api.forecast.SeriesForecast;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The {@link OpsView} the tools read through: it passes every answer on unchanged, learning the
 * identifying labels in it first, so a host that only appears on an alert is a known name before the
 * tool result carrying it is concealed. Log lines are free text: only the shapes of
 * {@link NameCatalogue} (addresses, instance ids, private DNS names) cover them.
 */
final class NameHarvestingView implements OpsView {

    private final OpsView view;
    private final DeploymentNames names;

    NameHarvestingView(OpsView view, DeploymentNames names) {
        this.view = view;
        this.names = names;
    }

    @Override
    public StatusSnapshot status() {
        StatusSnapshot s = view.status();
        s.openAlerts().forEach(this::learn);
        s.recentAnomalies().forEach(this::learn);
        return s;
    }

    @Override
    public List<SeriesId> series() {
        List<SeriesId> series = view.series();
        series.forEach(s -> names.learn(s.labels()));
        return series;
    }

    @Override
    public List<Sample> recentSamples(SeriesId series, int limit) {
        names.learn(series.labels());
        return view.recentSamples(series, limit);
    }

    @Override
    public List<AnomalyEvent> anomalies(int limit) {
        List<AnomalyEvent> anomalies = view.anomalies(limit);
        anomalies.forEach(this::learn);
        return anomalies;
    }

    @Override
    public Optional<AnomalyEvent> anomaly(String id) {
        Optional<AnomalyEvent> anomaly = view.anomaly(id);
        anomaly.ifPresent(this::learn);
        return anomaly;
    }

    @Override
    public List<Alert> alerts() {
        List<Alert> alerts = view.alerts();
        alerts.forEach(this::learn);
        return alerts;
    }

    @Override
    public List<LogLine> logs(int lines, String minLevel) {
        return view.logs(lines, minLevel);
    }

    @Override
    public List<AuditEntry> audit(AuditQuery query) {
        List<AuditEntry> entries = view.audit(query);
        // The subject may be a host, a service, an alert or an approval id, so only the typed details teach a name.
        entries.forEach(e -> e.record().details().forEach((key, value) -> {
            switch (key) {
                case "host", "instance" -> names.learn(value, NameKind.HOST);
                case "service", "unit" -> names.learn(value, NameKind.SERVICE);
                default -> {}
            }
        }));
        return entries;
    }

    private void learn(Alert alert) {
        names.learn(alert.labels());
    }

    private void learn(AnomalyEvent anomaly) {
        names.learn(anomaly.series().labels());
    }

    @Override
    public Optional<SeriesForecast> forecast(SeriesId series, Duration horizon, double threshold) {
        names.learn(series.labels());
        return view.forecast(series, horizon, threshold);
    }
}
