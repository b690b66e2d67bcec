package io.smartcloudops.chat;

import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.alert.AlertState;
import io.smartcloudops.api.alert.Severity;
import io.smartcloudops.api.audit.AuditEntry;
import io.smartcloudops.api.audit.AuditKind;
import io.smartcloudops.api.audit.AuditQuery;
import io.smartcloudops.api.audit.AuditRecord;
import io.smartcloudops.api.chat.LogLine;
import io.smartcloudops.api.chat.OpsView;
import io.smartcloudops.api.chat.StatusSnapshot;
import io.smartcloudops.api.detect.AnomalyEvent;
import io.smartcloudops.api.detect.Score;
import io.smartcloudops.api.forecast.ForecastPoint;
import io.smartcloudops.api.forecast.MetricRange;
import io.smartcloudops.api.forecast.SeriesForecast;
import io.smartcloudops.api.forecast.ThresholdCrossing;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A small deployment frozen in time: two hosts, a few series, one alert, one anomaly, some log and audit lines. */
public class FakeOpsView implements OpsView {

    static final SeriesId CPU_APP = SeriesId.of("node_cpu_usage_percent", Labels.of("host", "app-1"));
    static final SeriesId DISK_APP = SeriesId.of("node_disk_used_percent", Labels.of("host", "app-1"));
    static final SeriesId MEM_MON = SeriesId.of("node_memory_used_percent", Labels.of("host", "mon-1"));

    private final Instant now;
    private final int forecastHistory;

    public FakeOpsView(Instant now) {
        this(now, 61);
    }

    /** A view whose forecaster has {@code forecastHistory} samples of each series (it refuses below 20). */
    FakeOpsView(Instant now, int forecastHistory) {
        this.now = now;
        this.forecastHistory = forecastHistory;
    }

    /**
     * A forecaster's answer, written out: the disk reaches 100% six hours from now (80%: five to
     * eight hours); everything else stays put. Below 20 samples it refuses, as the real one does.
     */
    @Override
    public Optional<SeriesForecast> forecast(SeriesId series, Duration horizon, double threshold) {
        if (!series().contains(series)) {
            return Optional.empty();
        }
        if (forecastHistory < 20) {
            return Optional.of(new SeriesForecast.Refused(
                    series,
                    20,
                    forecastHistory,
                    Duration.ofSeconds(95),
                    Duration.ofSeconds(5L * Math.max(0, forecastHistory - 1))));
        }
        boolean disk = series.equals(DISK_APP);
        Instant end = now.plus(horizon);
        ForecastPoint point =
                disk ? new ForecastPoint(end, 100, 97.5, 100, 93.25, 100) : new ForecastPoint(end, 55, 50, 60, 47, 63);
        Optional<ThresholdCrossing> crossing = Double.isNaN(threshold)
                ? Optional.empty()
                : Optional.of(
                        disk
                                ? new ThresholdCrossing(
                                        threshold,
                                        Optional.of(now.plus(Duration.ofHours(6))),
                                        Optional.of(now.plus(Duration.ofHours(5))),
                                        Optional.of(now.plus(Duration.ofHours(8))),
                                        end)
                                : new ThresholdCrossing(
                                        threshold, Optional.empty(), Optional.empty(), Optional.empty(), end));
        return Optional.of(new SeriesForecast.Projection(
                series,
                now,
                disk ? 80.5 : 55,
                Duration.ofMinutes(1),
                MetricRange.of(series),
                List.of(point),
                crossing,
                "seasonal Holt-Winters (no season; trend significant)",
                forecastHistory));
    }

    @Override
    public StatusSnapshot status() {
        return new StatusSnapshot(
                now.minus(Duration.ofHours(3)),
                Duration.ofHours(3),
                series().size(),
                alerts(),
                anomalies(10),
                List.of(),
                Map.of("prometheus", "ok"));
    }

    @Override
    public List<SeriesId> series() {
        return List.of(CPU_APP, DISK_APP, MEM_MON);
    }

    /** One sample a minute for the last hour; the disk fills by 0.5 points an hour. */
    @Override
    public List<Sample> recentSamples(SeriesId series, int limit) {
        List<Sample> out = new ArrayList<>();
        for (int i = 60; i >= 0; i--) {
            long t = now.minus(Duration.ofMinutes(i)).toEpochMilli();
            double v = series.equals(DISK_APP) ? 80.0 + (60 - i) / 120.0 : series.equals(CPU_APP) ? 40 + i % 5 : 55;
            out.add(new Sample(series, t, v));
        }
        return out.subList(Math.max(0, out.size() - limit), out.size());
    }

    @Override
    public List<AnomalyEvent> anomalies(int limit) {
        Score s = new Score(0.97, 42.0, 30.0, 55.0, "ewma", "cpu 3.1 sigma above its EWMA baseline");
        return List.of(new AnomalyEvent(
                "an-208", CPU_APP, now.minus(Duration.ofMinutes(20)).toEpochMilli(), 97.0, s, "ewma"));
    }

    @Override
    public Optional<AnomalyEvent> anomaly(String id) {
        return anomalies(10).stream().filter(a -> a.id().equals(id)).findFirst();
    }

    @Override
    public List<Alert> alerts() {
        return List.of(new Alert(
                "HighCpuUsage",
                Labels.of("alertname", "HighCpuUsage", "host", "app-1"),
                Map.of("summary", "CPU above 90% for 5m"),
                AlertState.FIRING,
                Severity.CRITICAL,
                now.minus(Duration.ofMinutes(12)),
                now.minus(Duration.ofMinutes(7)),
                null,
                97.0,
                "rules"));
    }

    @Override
    public List<LogLine> logs(int lines, String minLevel) {
        List<LogLine> all = List.of(
                new LogLine(now.minus(Duration.ofMinutes(30)), "INFO", "io.smartcloudops.detect", "pipeline started"),
                new LogLine(
                        now.minus(Duration.ofMinutes(5)),
                        "ERROR",
                        "io.smartcloudops.remediate",
                        "restart of nginx failed: unit not found"));
        List<LogLine> picked = all.stream()
                .filter(l -> "INFO".equals(minLevel) || l.level().equals(minLevel))
                .toList();
        return picked.subList(Math.max(0, picked.size() - lines), picked.size());
    }

    @Override
    public List<AuditEntry> audit(AuditQuery query) {
        AuditRecord r = new AuditRecord(
                AuditKind.ACTION,
                "bob",
                "nginx",
                "restart_service",
                "succeeded",
                "alert NginxDown",
                Map.of("unit", "nginx"));
        return List.of(new AuditEntry(7, now.minus(Duration.ofHours(2)), r, "0".repeat(64), "a".repeat(64)));
    }

    /** The two hosts of the series (their services are the example layout's), and a probe for redis. */
    @Override
    public io.smartcloudops.api.chat.KnownTargets knownTargets() {
        return io.smartcloudops.api.chat.KnownTargets.builder()
                .host("app-1")
                .host("mon-1")
                .probe("app-1", "redis", Map.of("address", "127.0.0.1:6379"))
                .build();
    }
}
