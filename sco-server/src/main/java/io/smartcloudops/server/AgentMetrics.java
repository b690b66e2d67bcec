package io.smartcloudops.server;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.alert.AlertState;
import io.smartcloudops.api.alert.Severity;
import io.smartcloudops.api.detect.AnomalyEvent;
import io.smartcloudops.api.detect.Score;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.detect.pipeline.SampleVerdict;
import io.smartcloudops.remediate.policy.SuppressionReason;
import io.smartcloudops.runtime.OpsListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The agent's own metrics, in a registry of its own (not the global default), so two agents in
 * one JVM never mix their counts.
 */
final class AgentMetrics implements OpsListener {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter ingested;
    private final Counter dropped;
    private final Counter anomalies;
    private final Counter actions;
    private final Counter sourceErrors;
    private final Counter suppressions;
    private final Counter notifications;
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    /** Each series' latest score; bounded by the pipeline's series limit. */
    private final Map<io.smartcloudops.api.metric.SeriesId, Double> latestScores = new ConcurrentHashMap<>();

    AgentMetrics(IntSupplier seriesWatched, Supplier<List<Alert>> activeAlerts) {
        ingested = Counter.builder()
                .name("sco_samples_ingested_total")
                .help("Samples read from metric sources")
                .labelNames("source")
                .register(registry);
        dropped = Counter.builder()
                .name("sco_samples_dropped_total")
                .help("Samples not scored, by reason")
                .labelNames("reason")
                .register(registry);
        anomalies = Counter.builder()
                .name("sco_anomalies_total")
                .help("Samples whose anomaly score reached the threshold")
                .labelNames("detector")
                .register(registry);
        actions = Counter.builder()
                .name("sco_actions_total")
                .help("Action requests by action and outcome")
                .labelNames("action", "outcome")
                .register(registry);
        sourceErrors = Counter.builder()
                .name("sco_source_errors_total")
                .help("Failed polls of a metric source")
                .labelNames("source")
                .register(registry);
        suppressions = Counter.builder()
                .name("sco_suppressions_total")
                .help(
                        "Remediations held back, by reason: cooldown, rate_limit, circuit_open, duplicate, dry_run, silence, inhibited")
                .labelNames("reason")
                .register(registry);
        notifications = Counter.builder()
                .name("sco_notifications_total")
                .help("Notifications by notifier and outcome")
                .labelNames("notifier", "outcome")
                .register(registry);
        GaugeWithCallback.builder()
                .name("sco_series_watched")
                .help("Series with a detector state")
                .callback(cb -> cb.call(seriesWatched.getAsInt()))
                .register(registry);
        // one gauge per metric and host, the highest latest score over their series (CPUs, devices,
        // mounts): what a dashboard plots beside the metric without a time series per device
        GaugeWithCallback.builder()
                .name("sco_anomaly_score")
                .help("Highest latest anomaly score in [0, 1] over the series of a metric on a host")
                .labelNames("metric", "host")
                .callback(cb -> {
                    Map<List<String>, Double> highest = new HashMap<>();
                    latestScores.forEach((id, score) -> highest.merge(
                            List.of(
                                    id.name(),
                                    id.labels().get("host") == null
                                            ? ""
                                            : id.labels().get("host")),
                            score,
                            Math::max));
                    highest.forEach((key, score) -> cb.call(score, key.get(0), key.get(1)));
                })
                .register(registry);
        GaugeWithCallback.builder()
                .name("sco_alerts")
                .help("Active alerts by state and severity")
                .labelNames("state", "severity")
                .callback(cb -> {
                    List<Alert> alerts = activeAlerts.get();
                    for (AlertState state : List.of(AlertState.PENDING, AlertState.FIRING)) {
                        for (Severity sev : Severity.values()) {
                            long n = alerts.stream()
                                    .filter(a -> a.state() == state && a.severity() == sev)
                                    .count();
                            cb.call(n, state.name().toLowerCase(Locale.ROOT), sev.label());
                        }
                    }
                })
                .register(registry);
    }

    @Override
    public void onBatch(String source, int count) {
        ingested.labelValues(source).inc(count);
    }

    @Override
    public void onScored(Sample sample, Score score) {
        if (Double.isFinite(score.value())) {
            latestScores.put(sample.series(), score.value());
        }
    }

    @Override
    public void onDropped(Sample sample, SampleVerdict verdict) {
        dropped.labelValues(verdict.name().toLowerCase(Locale.ROOT)).inc();
    }

    @Override
    public void onAnomaly(AnomalyEvent e) {
        anomalies.labelValues(e.detector()).inc();
    }

    @Override
    public void onAction(ActionResult r) {
        actions.labelValues(r.action(), r.outcome().label()).inc();
    }

    @Override
    public void onSuppressed(SuppressionReason reason) {
        suppressions.labelValues(reason.label()).inc();
    }

    @Override
    public void onNotification(String notifier, String outcome) {
        notifications.labelValues(notifier, outcome).inc();
    }

    @Override
    public void onSourceError(String source, String problem) {
        sourceErrors.labelValues(source).inc();
    }

    String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }

    String scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
