package io.smartcloudops.chat.llm;

import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.audit.AuditEntry;
import io.smartcloudops.api.audit.AuditQuery;
import io.smartcloudops.api.chat.LogLine;
import io.smartcloudops.api.chat.OpsView;
import io.smartcloudops.api.chat.StatusSnapshot;
import io.smartcloudops.api.detect.AnomalyEvent;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import java.util.List;
import java.util.Optional;

/** An {@link OpsView} passing every read to another; tests override the read they change. */
class ForwardingView implements OpsView {

    private final OpsView view;

    ForwardingView(OpsView view) {
        this.view = view;
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
}
