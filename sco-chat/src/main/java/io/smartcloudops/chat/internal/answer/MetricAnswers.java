package io.smartcloudops.chat.internal.answer;

import static io.smartcloudops.chat.internal.nlu.SlotExtractor.METRIC;

import io.smartcloudops.api.chat.OpsView;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.chat.internal.nlu.Interpretation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Recent values of a metric: latest, min, avg and max over the asked window, for each matching series. */
final class MetricAnswers {

    private final OpsView view;
    private final ReadScope readScope;

    MetricAnswers(OpsView view, ReadScope readScope) {
        this.view = view;
        this.readScope = readScope;
    }

    Reply metric(Interpretation in) {
        String metric = in.slot(METRIC);
        if (metric == null) {
            return Reply.of(
                    "Which metric? I know cpu, memory, disk, network_in, network_out, latency, error_rate, "
                            + "request_rate and load_average.",
                    Map.of("clarify", true));
        }
        List<SeriesId> series = readScope.matchingSeries(in);
        if (series.isEmpty()) {
            return Reply.of("I watch no series for " + ReadScope.describe(in) + ".", Map.of("series", List.of()));
        }
        Instant since = readScope.since(in);
        List<Map<String, Object>> rows = new ArrayList<>();
        StringBuilder sb = new StringBuilder(Texts.capitalise(ReadScope.describe(in)) + ":");
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
}
