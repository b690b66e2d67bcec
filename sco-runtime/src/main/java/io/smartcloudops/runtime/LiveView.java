package io.smartcloudops.runtime;

import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.audit.AuditEntry;
import io.smartcloudops.api.audit.AuditLog;
import io.smartcloudops.api.audit.AuditQuery;
import io.smartcloudops.api.chat.LogLine;
import io.smartcloudops.api.chat.StatusSnapshot;
import io.smartcloudops.api.detect.AnomalyEvent;
import io.smartcloudops.api.forecast.Forecaster;
import io.smartcloudops.api.forecast.SeriesForecast;
import io.smartcloudops.api.forecast.SeriesForecast.Projection;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.detect.pipeline.DetectionPipeline;
import io.smartcloudops.detect.seasonal.SeasonalSeriesForecaster;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What the agent has seen and done, kept bounded in memory for the HTTP API and ChatOps; the
 * durable record is the audit log.
 */
final class LiveView implements HostView {
    private static final int RECENT_EVENTS = 500;

    private final Instant startedAt;
    private final InstantSource clock;
    private final DetectionPipeline pipeline;
    private final Supplier<List<Alert>> openAlerts;
    private final AuditLog audit;
    private final LogLines logs;
    /** Each series' raw points and hourly means, under one key: one lookup a sample, one entry a series. */
    private final Map<SeriesId, SeriesHistory> series = new ConcurrentHashMap<>();

    private final Deque<AnomalyEvent> anomalies = new ArrayDeque<>();
    private final Deque<ActionResult> actions = new ArrayDeque<>();
    private final Map<String, String> sourceHealth = new ConcurrentHashMap<>();
    private final Forecaster forecaster = new SeasonalSeriesForecaster();
    private final int pointsPerSeries;
    /** Hourly means kept a series; 0: none. */
    private final int hoursPerSeries;

    LiveView(
            InstantSource clock,
            DetectionPipeline pipeline,
            Supplier<List<Alert>> openAlerts,
            AuditLog audit,
            LogLines logs,
            int pointsPerSeries,
            int hoursPerSeries) {
        this.pointsPerSeries = pointsPerSeries;
        this.hoursPerSeries = hoursPerSeries;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.pipeline = pipeline;
        this.openAlerts = openAlerts;
        this.audit = audit;
        this.logs = logs;
    }

    /**
     * What the view keeps of one series: its ring of points, and its hourly means in a field the
     * ring's padding had room for (a holder of the two cost another 24 bytes a series); null when
     * the agent keeps no hourly history.
     */
    private static final class SeriesHistory extends RecentPoints {
        final HourlyHistory hours;

        SeriesHistory(int capacity, int hours) {
            super(capacity);
            this.hours = hours == 0 ? null : new HourlyHistory(hours);
        }
    }

    void recordSample(Sample s, io.smartcloudops.api.detect.Score score) {
        SeriesHistory h = series.get(s.series()); // first: computeIfAbsent's capturing lambda was garbage a sample
        if (h == null) {
            h = series.computeIfAbsent(s.series(), k -> new SeriesHistory(pointsPerSeries, hoursPerSeries));
        }
        if (h.hours != null) {
            h.hours.add(s.timestampMillis(), s.value());
        }
        if (score == null) {
            h.add(s.timestampMillis(), s.value(), Double.NaN, Double.NaN, Double.NaN);
        } else {
            h.add(s.timestampMillis(), s.value(), score.expected(), score.lower(), score.upper());
        }
    }

    synchronized void recordAnomaly(AnomalyEvent e) {
        anomalies.addFirst(e);
        if (anomalies.size() > RECENT_EVENTS) {
            anomalies.removeLast();
        }
    }

    synchronized void recordAction(ActionResult r) {
        actions.addFirst(r);
        if (actions.size() > RECENT_EVENTS) {
            actions.removeLast();
        }
    }

    void sourceHealth(String source, String health) {
        sourceHealth.put(source, health);
    }

    /**
     * This view's lock guards only its own collections and is never held while calling out (to
     * the rule engine, the router or the gate), so it cannot join a lock cycle with them.
     */
    @Override
    public StatusSnapshot status() {
        List<AnomalyEvent> recentAnomalies;
        List<ActionResult> recentActions;
        synchronized (this) {
            recentAnomalies = new ArrayList<>(anomalies).subList(0, Math.min(20, anomalies.size()));
            recentActions = new ArrayList<>(actions).subList(0, Math.min(20, actions.size()));
        }
        Instant now = clock.instant();
        return new StatusSnapshot(
                startedAt,
                Duration.between(startedAt, now),
                pipeline.seriesCount(),
                openAlerts.get(),
                recentAnomalies,
                recentActions,
                sourceHealth);
    }

    @Override
    public List<SeriesId> series() {
        return List.copyOf(series.keySet());
    }

    /** A series the pipeline forgot (idle): its recent points go too, so churn does not grow the view. */
    void forget(SeriesId id) {
        series.remove(id);
    }

    @Override
    public List<Sample> recentSamples(SeriesId series, int limit) {
        return points(series, limit).stream()
                .map(p -> new Sample(series, p.timestampMillis(), p.value()))
                .toList();
    }

    @Override
    public List<ChartPoint> points(SeriesId series, int limit) {
        SeriesHistory h = this.series.get(series);
        return h == null ? List.of() : h.newest(limit);
    }

    @Override
    public synchronized List<AnomalyEvent> anomalies(int limit) {
        return List.copyOf(new ArrayList<>(anomalies).subList(0, Math.min(limit, anomalies.size())));
    }

    @Override
    public synchronized Optional<AnomalyEvent> anomaly(String id) {
        return anomalies.stream().filter(a -> a.id().equals(id)).findFirst();
    }

    /**
     * The seasonal forecaster fitted to what this view retains: the newest raw points
     * ({@link SeriesLimits#recentPoints()}), or, for a horizon longer than they span, the hourly
     * means of up to three weeks once there are enough of them ({@link SeasonalSeriesForecaster#MIN_SAMPLES}),
     * since only those can show a daily or weekly season and a trend worth a day's extrapolation. An
     * agent that keeps too few hourly means for that ({@link SeriesLimits#hourlyHistory()}) forecasts
     * such a horizon from the raw points and says in the model that it could not see further back.
     */
    @Override
    public Optional<SeriesForecast> forecast(SeriesId series, Duration horizon, double threshold) {
        List<Sample> raw = recentSamples(series, pointsPerSeries);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        long rawSpan = raw.get(raw.size() - 1).timestampMillis() - raw.get(0).timestampMillis();
        SeriesHistory h = this.series.get(series);
        List<Sample> hours = h == null || h.hours == null ? List.of() : h.hours.samples(series);
        boolean pastRaw = horizon.toMillis() > rawSpan;
        boolean longView = pastRaw && hours.size() >= SeasonalSeriesForecaster.MIN_SAMPLES;
        SeriesForecast f = forecaster.forecast(series, longView ? hours : raw, horizon, threshold);
        if (pastRaw && hoursPerSeries < SeasonalSeriesForecaster.MIN_SAMPLES && f instanceof Projection p) {
            // the answer must not read as if the hours had been looked at: none are kept here
            f = new Projection(
                    p.series(),
                    p.from(),
                    p.last(),
                    p.step(),
                    p.range(),
                    p.points(),
                    p.crossing(),
                    p.model() + "; " + noHourlyHistory(),
                    p.samples());
        }
        return Optional.of(f);
    }

    private String noHourlyHistory() {
        String kept = hoursPerSeries == 0
                ? "keeps no hourly history"
                : "keeps " + hoursPerSeries + " hours of hourly history, fewer than the "
                        + SeasonalSeriesForecaster.MIN_SAMPLES + " a long forecast needs";
        return "from the recent points only: this agent " + kept
                + " (detection.hourly_history), so no daily or weekly season past their span was seen";
    }

    @Override
    public List<Alert> alerts() {
        return openAlerts.get();
    }

    @Override
    public List<LogLine> logs(int lines, String minLevel) {
        return logs.newest(lines, minLevel);
    }

    @Override
    public List<AuditEntry> audit(AuditQuery query) {
        return audit.query(query);
    }
}
