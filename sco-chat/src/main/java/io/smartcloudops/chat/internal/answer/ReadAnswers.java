package io.smartcloudops.chat.internal.answer;

import static io.smartcloudops.chat.internal.nlu.SlotExtractor.HOST;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.LEVEL;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.LINES;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.METRIC;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.SERVICE;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.SEVERITY;

import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.alert.Severity;
import io.smartcloudops.api.audit.AuditEntry;
import io.smartcloudops.api.audit.AuditQuery;
import io.smartcloudops.api.chat.LogLine;
import io.smartcloudops.api.chat.OpsView;
import io.smartcloudops.api.chat.StatusSnapshot;
import io.smartcloudops.api.detect.AnomalyEvent;
import io.smartcloudops.api.forecast.ForecastPoint;
import io.smartcloudops.api.forecast.MetricRange;
import io.smartcloudops.api.forecast.SeriesForecast;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.chat.internal.nlu.Interpretation;
import io.smartcloudops.chat.internal.nlu.SlotPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Answers to the read-only intents, filled from the live {@link OpsView}. */
public final class ReadAnswers {

    private static final int MAX_LISTED = 10;
    private static final int MAX_SERIES = 5;
    private static final Duration DEFAULT_HORIZON = Duration.ofDays(1);

    private final OpsView view;
    private final InstantSource clock;

    public ReadAnswers(OpsView view, InstantSource clock) {
        this.view = view;
        this.clock = clock;
    }

    public Reply status() {
        StatusSnapshot s = view.status();
        long critical = s.openAlerts().stream()
                .filter(a -> a.severity() == Severity.CRITICAL)
                .count();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(
                Locale.ROOT, "Agent up %s, watching %d series. ", Texts.human(s.uptime()), s.seriesWatched()));
        sb.append(
                s.openAlerts().isEmpty()
                        ? "No open alerts. "
                        : String.format(
                                Locale.ROOT,
                                "%d open alert(s), %d critical: %s. ",
                                s.openAlerts().size(),
                                critical,
                                String.join(
                                        ", ",
                                        s.openAlerts().stream()
                                                .limit(5)
                                                .map(Alert::name)
                                                .toList())));
        sb.append(String.format(
                Locale.ROOT,
                "%d recent anomal%s, %d recent action(s).",
                s.recentAnomalies().size(),
                s.recentAnomalies().size() == 1 ? "y" : "ies",
                s.recentActions().size()));
        List<String> unhealthy = s.sources().entrySet().stream()
                .filter(e -> !"ok".equalsIgnoreCase(e.getValue()))
                .map(e -> e.getKey() + ": " + e.getValue())
                .sorted()
                .toList();
        sb.append(unhealthy.isEmpty() ? " All sources ok." : " Source problems: " + String.join("; ", unhealthy) + ".");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("uptime", s.uptime().toString());
        data.put("seriesWatched", s.seriesWatched());
        data.put("openAlerts", s.openAlerts().stream().map(Alert::name).toList());
        data.put("criticalAlerts", critical);
        data.put("recentAnomalies", s.recentAnomalies().size());
        data.put("recentActions", s.recentActions().size());
        data.put("sources", s.sources());
        return Reply.of(sb.toString(), data);
    }

    public Reply metric(Interpretation in) {
        String metric = in.slot(METRIC);
        if (metric == null) {
            return Reply.of(
                    "Which metric? I know cpu, memory, disk, network_in, network_out, latency, error_rate, "
                            + "request_rate and load_average.",
                    Map.of("clarify", true));
        }
        List<SeriesId> series = matchingSeries(in);
        if (series.isEmpty()) {
            return Reply.of("I watch no series for " + describe(in) + ".", Map.of("series", List.of()));
        }
        Instant since = since(in);
        List<Map<String, Object>> rows = new ArrayList<>();
        StringBuilder sb = new StringBuilder(Texts.capitalise(describe(in)) + ":");
        for (SeriesId id : series) {
            List<Sample> samples = view.recentSamples(id, 1000).stream()
                    .filter(s -> since == null || s.timestampMillis() >= since.toEpochMilli())
                    .filter(s -> Double.isFinite(s.value()))
                    .toList();
            if (samples.isEmpty()) {
                sb.append(" ").append(id).append(": no samples in that window;");
                continue;
            }
            double min = samples.stream().mapToDouble(Sample::value).min().orElse(Double.NaN);
            double max = samples.stream().mapToDouble(Sample::value).max().orElse(Double.NaN);
            double avg = samples.stream().mapToDouble(Sample::value).average().orElse(Double.NaN);
            double latest = samples.get(samples.size() - 1).value();
            sb.append(String.format(
                    Locale.ROOT,
                    " %s latest %s (min %s, avg %s, max %s over %d samples);",
                    id,
                    Texts.num(latest),
                    Texts.num(min),
                    Texts.num(avg),
                    Texts.num(max),
                    samples.size()));
            rows.add(Map.of(
                    "series",
                    id.toString(),
                    "latest",
                    latest,
                    "min",
                    min,
                    "avg",
                    avg,
                    "max",
                    max,
                    "samples",
                    samples.size()));
        }
        return Reply.of(Texts.endSentence(sb), Map.of("series", rows));
    }

    public Reply anomalies(Interpretation in) {
        Instant since = since(in);
        List<AnomalyEvent> found = view.anomalies(200).stream()
                .filter(a -> since == null || a.timestampMillis() >= since.toEpochMilli())
                .filter(a -> SeriesMatcher.matches(a.series(), in.slot(METRIC), in.slot(HOST), in.slot(SERVICE)))
                .toList();
        if (found.isEmpty()) {
            return Reply.of("No anomalies" + scope(in) + ".", Map.of("anomalies", List.of()));
        }
        StringBuilder sb =
                new StringBuilder(found.size() + " anomal" + (found.size() == 1 ? "y" : "ies") + scope(in) + ":");
        found.stream().limit(MAX_LISTED).forEach(a -> sb.append("\n- ").append(line(a)));
        if (found.size() > MAX_LISTED) {
            sb.append("\n(").append(found.size() - MAX_LISTED).append(" more)");
        }
        return Reply.of(
                sb.toString(),
                Map.of(
                        "anomalies",
                        found.stream().limit(MAX_LISTED).map(ReadAnswers::row).toList(),
                        "total",
                        found.size()));
    }

    public Reply explain(Interpretation in) {
        String id = in.slot(SlotPolicy.ANOMALY_ID);
        Optional<AnomalyEvent> event = id != null
                ? view.anomaly(id)
                : view.anomalies(200).stream()
                        .filter(a ->
                                SeriesMatcher.matches(a.series(), in.slot(METRIC), in.slot(HOST), in.slot(SERVICE)))
                        .findFirst();
        if (event.isEmpty()) {
            return Reply.of(
                    id != null ? "I know no anomaly " + id + "." : "I found no anomaly" + scope(in) + " to explain.",
                    Map.of());
        }
        AnomalyEvent a = event.get();
        var s = a.score();
        StringBuilder sb = new StringBuilder(String.format(
                Locale.ROOT,
                "Anomaly %s on %s at %s: value %s",
                a.id(),
                a.series(),
                Instant.ofEpochMilli(a.timestampMillis()),
                Texts.num(a.value())));
        if (Double.isFinite(s.expected())) {
            sb.append(String.format(
                    Locale.ROOT,
                    " where %s was expected (normal band %s to %s)",
                    Texts.num(s.expected()),
                    Texts.num(s.lower()),
                    Texts.num(s.upper())));
        }
        sb.append(String.format(
                Locale.ROOT,
                "; detector %s%s scored it %s.",
                a.detector(),
                s.component().isEmpty() ? "" : " (" + s.component() + ")",
                Texts.num(s.value())));
        if (!s.reason().isEmpty()) {
            sb.append(" Reason: ").append(s.reason()).append('.');
        }
        return Reply.of(sb.toString(), row(a));
    }

    public Reply alerts(Interpretation in) {
        String severity = in.slot(SEVERITY);
        List<Alert> alerts = view.alerts().stream()
                .filter(a -> severity == null || a.severity() == Severity.parse(severity))
                .filter(a -> labelled(a, in.slot(SERVICE), in.slot(HOST)))
                .toList();
        String what = (severity == null ? "" : severity + " ") + "alerts";
        if (alerts.isEmpty()) {
            return Reply.of("No open " + what + ".", Map.of("alerts", List.of()));
        }
        StringBuilder sb = new StringBuilder(alerts.size() + " open " + what + ":");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Alert a : alerts.stream().limit(MAX_LISTED).toList()) {
            String summary = a.annotations().getOrDefault("summary", "");
            sb.append(String.format(
                    Locale.ROOT,
                    "\n- [%s] %s %s since %s %s%s",
                    a.severity().label(),
                    a.name(),
                    a.state().name().toLowerCase(Locale.ROOT),
                    a.activeSince(),
                    a.labels(),
                    summary.isEmpty() ? "" : ": " + summary));
            rows.add(Map.of(
                    "name",
                    a.name(),
                    "severity",
                    a.severity().label(),
                    "state",
                    a.state().name(),
                    "labels",
                    a.labels().asMap(),
                    "activeSince",
                    a.activeSince().toString()));
        }
        return Reply.of(sb.toString(), Map.of("alerts", rows, "total", alerts.size()));
    }

    public Reply logs(Interpretation in) {
        Object requested = in.slots().get(LINES);
        int lines = requested instanceof Integer n ? Math.min(Math.max(n, 1), 500) : 20;
        String level = in.slot(LEVEL) == null ? "INFO" : in.slot(LEVEL).toUpperCase(Locale.ROOT);
        String service = in.slot(SERVICE);
        String host = in.slot(HOST);
        Instant since = since(in);
        boolean filtered = service != null || host != null || since != null;
        // The view serves the agent's own log; filtering by service needs a wider window to find enough lines.
        List<LogLine> all = view.logs(filtered ? Math.min(lines * 20, 5000) : lines, level);
        List<LogLine> picked = all.stream()
                .filter(l -> since == null || l.at() == null || !l.at().isBefore(since))
                .filter(l -> mentions(l, service) && mentions(l, host))
                .toList();
        picked = picked.subList(Math.max(0, picked.size() - lines), picked.size());
        String scope = (service == null ? "" : " mentioning " + service) + (host == null ? "" : " on " + host);
        if (picked.isEmpty()) {
            return Reply.of("No " + level + "+ lines in the agent's log" + scope + ".", Map.of("lines", List.of()));
        }
        StringBuilder sb = new StringBuilder(
                String.format(Locale.ROOT, "Last %d %s+ line(s) of the agent's log%s:", picked.size(), level, scope));
        picked.forEach(l ->
                sb.append(String.format(Locale.ROOT, "\n%s %-5s %s %s", l.at(), l.level(), l.logger(), l.message())));
        List<Map<String, Object>> rows = picked.stream()
                .map(l -> Map.<String, Object>of(
                        "at",
                        String.valueOf(l.at()),
                        "level",
                        String.valueOf(l.level()),
                        "logger",
                        String.valueOf(l.logger()),
                        "message",
                        String.valueOf(l.message())))
                .toList();
        return Reply.of(sb.toString(), Map.of("lines", rows));
    }

    public Reply forecast(Interpretation in) {
        String metric = in.slot(METRIC);
        if (metric == null) {
            return Reply.of(
                    "Which metric should I project? For example: \"forecast disk on app-1 for the next 3 days\".",
                    Map.of("clarify", true));
        }
        Duration horizon =
                in.slot(SlotPolicy.HORIZON) == null ? DEFAULT_HORIZON : Duration.parse(in.slot(SlotPolicy.HORIZON));
        List<SeriesId> series = matchingSeries(in);
        if (series.isEmpty()) {
            return Reply.of(
                    "I watch no series for " + describe(in) + ", so I cannot project it.", Map.of("series", List.of()));
        }
        StringBuilder sb = new StringBuilder();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SeriesId id : series) {
            Optional<SeriesForecast> answer = view.forecast(id, horizon);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("series", id.toString());
            row.put("horizon", horizon.toString());
            if (answer.isEmpty()) {
                sb.append(id).append(": this agent cannot forecast it (no forecaster holds its history). ");
                row.put("unavailable", true);
            } else if (answer.get() instanceof SeriesForecast.Refused r) {
                sb.append(id)
                        .append(": too little history to forecast: ")
                        .append(r.reason())
                        .append(". ");
                row.put("refused", r.reason());
                row.put("neededSamples", r.neededSamples());
                row.put("availableSamples", r.availableSamples());
            } else if (answer.get() instanceof SeriesForecast.Projection p) {
                describe(sb, row, p, horizon);
            }
            rows.add(row);
        }
        return Reply.of(sb.toString().strip(), Map.of("forecasts", rows));
    }

    /** "now 80, in 1d about 92 (80%: 90–94; 95%: 89–95); reaches 100% at … (in 6h; 80%: 5h–8h)". */
    private static void describe(
            StringBuilder sb, Map<String, Object> row, SeriesForecast.Projection p, Duration horizon) {
        ForecastPoint end = p.end();
        String unit = p.range().equals(MetricRange.PERCENT) ? "%" : "";
        sb.append(String.format(
                Locale.ROOT,
                "%s: now %s%s, in %s about %s%s (80%%: %s–%s; 95%%: %s–%s)",
                p.series(),
                Texts.num(p.last()),
                unit,
                Texts.human(horizon),
                Texts.num(end.mean()),
                unit,
                Texts.num(end.lower80()),
                Texts.num(end.upper80()),
                Texts.num(end.lower95()),
                Texts.num(end.upper95())));
        row.put("now", p.last());
        row.put("projected", end.mean());
        row.put("lower80", end.lower80());
        row.put("upper80", end.upper80());
        row.put("lower95", end.lower95());
        row.put("upper95", end.upper95());
        row.put("samples", p.samples());
        row.put("model", p.model());
        p.crossing().ifPresent(c -> {
            String level = Texts.num(c.threshold()) + unit;
            row.put("threshold", c.threshold());
            if (c.at().isPresent()) {
                Instant at = c.at().get();
                sb.append(String.format(
                        Locale.ROOT,
                        "; reaches %s at %s (in %s; 80%%: %s to %s)",
                        level,
                        at,
                        Texts.human(Duration.between(p.from(), at)),
                        c.earliest()
                                .map(e -> Texts.human(Duration.between(p.from(), e)))
                                .orElse("?"),
                        c.latest()
                                .map(l -> Texts.human(Duration.between(p.from(), l)))
                                .orElse("more than " + Texts.human(horizon))));
                row.put("reachesAt", at.toString());
                c.earliest().ifPresent(e -> row.put("reachesEarliest", e.toString()));
                c.latest().ifPresent(l -> row.put("reachesLatest", l.toString()));
            } else {
                sb.append("; not expected to reach ")
                        .append(level)
                        .append(" within ")
                        .append(Texts.human(horizon));
                c.earliest()
                        .ifPresent(e -> sb.append(" (though its 80% band does in ")
                                .append(Texts.human(Duration.between(p.from(), e)))
                                .append(")"));
                row.put("reachesAt", "not within the horizon");
            }
        });
        sb.append(" [").append(p.model()).append("]. ");
    }

    public Reply audit(Interpretation in) {
        Instant since = since(in);
        String subject = in.slot(SERVICE) != null ? in.slot(SERVICE) : in.slot(HOST);
        // Filtered here rather than by AuditQuery.subject: a restart of nginx may be recorded against its host.
        List<AuditEntry> entries =
                view
                        .audit(AuditQuery.builder()
                                .from(since)
                                .limit(subject == null ? 20 : 500)
                                .build())
                        .stream()
                        .filter(e -> subject == null
                                || e.record().subject().contains(subject)
                                || e.record().details().containsValue(subject))
                        .filter(e -> in.slot(SlotPolicy.ACTION_ID) == null
                                || e.record().details().containsValue(in.slot(SlotPolicy.ACTION_ID)))
                        .limit(20)
                        .toList();
        String scope = (subject == null ? "" : " about " + subject)
                + (since == null ? "" : " in the last " + Texts.human(Duration.between(since, clock.instant())));
        if (entries.isEmpty()) {
            return Reply.of("No audit entries" + scope + ".", Map.of("entries", List.of()));
        }
        StringBuilder sb = new StringBuilder(
                entries.size() + " audit entr" + (entries.size() == 1 ? "y" : "ies") + scope + ", newest first:");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (AuditEntry e : entries) {
            var r = e.record();
            sb.append(String.format(
                    Locale.ROOT,
                    "\n#%d %s %s %s on %s by %s: %s%s",
                    e.sequence(),
                    e.recordedAt(),
                    r.kind(),
                    r.action(),
                    r.subject(),
                    r.actor(),
                    r.outcome(),
                    r.reason().isEmpty() ? "" : " (" + r.reason() + ")"));
            rows.add(Map.of(
                    "sequence",
                    e.sequence(),
                    "at",
                    e.recordedAt().toString(),
                    "kind",
                    r.kind().name(),
                    "action",
                    r.action(),
                    "subject",
                    r.subject(),
                    "actor",
                    r.actor(),
                    "outcome",
                    r.outcome()));
        }
        return Reply.of(sb.toString(), Map.of("entries", rows));
    }

    private List<SeriesId> matchingSeries(Interpretation in) {
        return view.series().stream()
                .filter(s -> SeriesMatcher.matches(s, in.slot(METRIC), in.slot(HOST), in.slot(SERVICE)))
                .limit(MAX_SERIES)
                .toList();
    }

    private Instant since(Interpretation in) {
        String range = in.slot(SlotPolicy.RANGE);
        return range == null ? null : clock.instant().minus(Duration.parse(range));
    }

    private static String describe(Interpretation in) {
        return in.slot(METRIC)
                + (in.slot(SERVICE) == null ? "" : " of " + in.slot(SERVICE))
                + (in.slot(HOST) == null ? "" : " on " + in.slot(HOST))
                + (in.slot(SlotPolicy.RANGE) == null
                        ? ""
                        : " over " + Texts.human(Duration.parse(in.slot(SlotPolicy.RANGE))));
    }

    private static String scope(Interpretation in) {
        return (in.slot(METRIC) == null ? "" : " for " + in.slot(METRIC))
                + (in.slot(SERVICE) == null ? "" : " of " + in.slot(SERVICE))
                + (in.slot(HOST) == null ? "" : " on " + in.slot(HOST))
                + (in.slot(SlotPolicy.RANGE) == null
                        ? ""
                        : " in the last " + Texts.human(Duration.parse(in.slot(SlotPolicy.RANGE))));
    }

    private static String line(AnomalyEvent a) {
        return String.format(
                Locale.ROOT,
                "%s %s at %s: value %s (expected %s), score %s",
                a.id(),
                a.series(),
                Instant.ofEpochMilli(a.timestampMillis()),
                Texts.num(a.value()),
                Texts.num(a.score().expected()),
                Texts.num(a.score().value()));
    }

    private static Map<String, Object> row(AnomalyEvent a) {
        return Map.of(
                "id",
                a.id(),
                "series",
                a.series().toString(),
                "at",
                Instant.ofEpochMilli(a.timestampMillis()).toString(),
                "value",
                a.value(),
                "expected",
                a.score().expected(),
                "score",
                a.score().value(),
                "detector",
                a.detector(),
                "reason",
                a.score().reason());
    }

    private static boolean labelled(Alert a, String service, String host) {
        String labels = a.labels().asMap().values().toString().toLowerCase(Locale.ROOT) + " "
                + a.name().toLowerCase(Locale.ROOT);
        return (service == null || labels.contains(service))
                && (host == null || labels.contains(host) || labels.contains(host.substring(0, 3)));
    }

    private static boolean mentions(LogLine l, String token) {
        if (token == null) {
            return true;
        }
        String text = (l.logger() + " " + l.message()).toLowerCase(Locale.ROOT);
        return text.contains(token) || text.contains(token.replace('_', ' '));
    }
}
