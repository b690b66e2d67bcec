package io.smartcloudops.server;

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
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A host's own view, with the targets its configuration knows added to those its series show:
 * the peer hosts it restarts services on ({@code remotes}) and the actions its gate can run. Chat
 * resolves what a person names against these and refuses anything else.
 */
final class ConfiguredTargetsView implements HostView {
    private final HostView view;
    private final Collection<String> peers;
    private final Supplier<Collection<String>> actions;

    ConfiguredTargetsView(HostView view, Collection<String> peers, Supplier<Collection<String>> actions) {
        this.view = view;
        this.peers = List.copyOf(peers);
        this.actions = actions;
    }

    @Override
    public KnownTargets knownTargets() {
        KnownTargets seen = view.knownTargets();
        KnownTargets.Builder b = KnownTargets.builder();
        seen.services().forEach((host, units) -> b.host(host, units.toArray(String[]::new)));
        peers.forEach(b::host);
        seen.aliases().forEach(b::alias);
        seen.probes().forEach((key, parameters) -> {
            int slash = key.indexOf('/');
            b.probe(slash < 0 ? key : key.substring(0, slash), slash < 0 ? null : key.substring(slash + 1), parameters);
        });
        seen.actions().forEach(b::action);
        actions.get().forEach(b::action);
        return b.build();
    }

    @Override
    public List<ChartPoint> points(SeriesId series, int limit) {
        return view.points(series, limit);
    }

    @Override
    public StatusSnapshot status() {
        return view.status();
    }

    @Override
    public List<SeriesId> series() {
        return view.series();
    }

    @Override
    public List<Sample> recentSamples(SeriesId series, int limit) {
        return view.recentSamples(series, limit);
    }

    @Override
    public List<AnomalyEvent> anomalies(int limit) {
        return view.anomalies(limit);
    }

    @Override
    public Optional<AnomalyEvent> anomaly(String id) {
        return view.anomaly(id);
    }

    @Override
    public List<Alert> alerts() {
        return view.alerts();
    }

    @Override
    public List<LogLine> logs(int lines, String minLevel) {
        return view.logs(lines, minLevel);
    }

    @Override
    public List<AuditEntry> audit(AuditQuery query) {
        return view.audit(query);
    }

    @Override
    public Optional<SeriesForecast> forecast(SeriesId series, Duration horizon, double threshold) {
        return view.forecast(series, horizon, threshold);
    }
}
