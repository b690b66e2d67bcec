package io.smartcloudops.chat.internal.answer;

import static io.smartcloudops.chat.internal.nlu.SlotExtractor.METRIC;

import io.smartcloudops.api.chat.OpsView;
import io.smartcloudops.api.forecast.ForecastPoint;
import io.smartcloudops.api.forecast.MetricRange;
import io.smartcloudops.api.forecast.SeriesForecast;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.chat.internal.nlu.Interpretation;
import io.smartcloudops.chat.internal.nlu.SlotPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Projections of a metric over a horizon, with when it reaches its limit, or why no projection is given. */
final class ForecastAnswers {

    private static final Duration DEFAULT_HORIZON = Duration.ofDays(1);

    private final OpsView view;
    private final ReadScope readScope;

    ForecastAnswers(OpsView view, ReadScope readScope) {
        this.view = view;
        this.readScope = readScope;
    }

    Reply forecast(Interpretation in) {
        String metric = in.slot(METRIC);
        if (metric == null) {
            return Reply.of(
                    "Which metric should I project? For example: \"forecast disk on app-1 for the next 3 days\".",
                    Map.of("clarify", true));
        }
        Duration horizon =
                in.slot(SlotPolicy.HORIZON) == null ? DEFAULT_HORIZON : Duration.parse(in.slot(SlotPolicy.HORIZON));
        List<SeriesId> series = readScope.matchingSeries(in);
        if (series.isEmpty()) {
            return Reply.of(
                    "I watch no series for " + ReadScope.describe(in) + ", so I cannot project it.",
                    Map.of("series", List.of()));
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
}
