package io.smartcloudops.chat.internal.answer;

import static io.smartcloudops.chat.internal.nlu.SlotExtractor.HOST;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.METRIC;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.SERVICE;

import io.smartcloudops.api.chat.OpsView;
import io.smartcloudops.api.detect.AnomalyEvent;
import io.smartcloudops.chat.internal.nlu.Interpretation;
import io.smartcloudops.chat.internal.nlu.SlotPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The anomalies the detectors found, listed or one of them explained (value, expected band, detector, reason). */
final class AnomalyAnswers {

    private static final int MAX_LISTED = 10;

    private final OpsView view;
    private final ReadScope readScope;

    AnomalyAnswers(OpsView view, ReadScope readScope) {
        this.view = view;
        this.readScope = readScope;
    }

    Reply anomalies(Interpretation in) {
        Instant since = readScope.since(in);
        List<AnomalyEvent> found = view.anomalies(200).stream()
                .filter(a -> since == null || a.timestampMillis() >= since.toEpochMilli())
                .filter(a -> SeriesMatcher.matches(a.series(), in.slot(METRIC), in.slot(HOST), in.slot(SERVICE)))
                .toList();
        if (found.isEmpty()) {
            return Reply.of("No anomalies" + ReadScope.scope(in) + ".", Map.of("anomalies", List.of()));
        }
        StringBuilder sb = new StringBuilder(
                found.size() + " anomal" + (found.size() == 1 ? "y" : "ies") + ReadScope.scope(in) + ":");
        found.stream().limit(MAX_LISTED).forEach(a -> sb.append("\n- ").append(line(a)));
        if (found.size() > MAX_LISTED) {
            sb.append("\n(").append(found.size() - MAX_LISTED).append(" more)");
        }
        return Reply.of(
                sb.toString(),
                Map.of(
                        "anomalies",
                        found.stream()
                                .limit(MAX_LISTED)
                                .map(AnomalyAnswers::row)
                                .toList(),
                        "total",
                        found.size()));
    }

    Reply explain(Interpretation in) {
        String id = in.slot(SlotPolicy.ANOMALY_ID);
        Optional<AnomalyEvent> event = id != null
                ? view.anomaly(id)
                : view.anomalies(200).stream()
                        .filter(a ->
                                SeriesMatcher.matches(a.series(), in.slot(METRIC), in.slot(HOST), in.slot(SERVICE)))
                        .findFirst();
        if (event.isEmpty()) {
            return Reply.of(
                    id != null
                            ? "I know no anomaly " + id + "."
                            : "I found no anomaly" + ReadScope.scope(in) + " to explain.",
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
}
