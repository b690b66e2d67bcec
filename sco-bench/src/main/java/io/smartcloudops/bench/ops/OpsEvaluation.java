package io.smartcloudops.bench.ops;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;

/** Scores each scorer on one corpus and formats the table; see {@link OpsCommand}. */
final class OpsEvaluation {
    static final String ZSCORE = "rolling z-score (reference)";
    static final String RCF = "randomCutForest (reference)";

    private final List<OpsSeries> corpus;
    private final double maxFalsePerDay;
    private final double shipped;
    private final EventScorer scorer = new EventScorer();

    OpsEvaluation(List<OpsSeries> corpus, double maxFalsePerDay, double shipped) {
        this.corpus = List.copyOf(corpus);
        this.maxFalsePerDay = maxFalsePerDay;
        this.shipped = shipped;
    }

    /** Per scorer: the best threshold within the budget, then (ours only) the shipped threshold. */
    record Row(
            String name,
            EventScorer.EventScore best,
            EventScorer.EventScore atShipped,
            double microsPerRow,
            SortedMap<String, int[]> foundByKind,
            List<double[]> peaks) {
        /** True if incident {@code k} of series {@code s} was found at the best threshold. */
        boolean found(int s, int k) {
            return peaks.get(s)[k] >= best.threshold();
        }
    }

    List<Row> rows(Map<String, OpsScorers> scorers, PrintWriter progress) {
        List<Row> out = new ArrayList<>();
        for (Map.Entry<String, OpsScorers> e : scorers.entrySet()) {
            long start = System.nanoTime();
            List<double[]> scores = new ArrayList<>(corpus.size());
            for (OpsSeries s : corpus) {
                scores.add(e.getValue().score(s));
            }
            double micros = (System.nanoTime() - start)
                    / 1e3
                    / Math.max(1, corpus.stream().mapToInt(OpsSeries::rows).sum());
            boolean reference = e.getKey().endsWith("(reference)");
            EventScorer.EventScore best = scorer.best(corpus, scores, maxFalsePerDay);
            out.add(new Row(
                    e.getKey(),
                    best,
                    reference ? null : scorer.score(corpus, scores, shipped),
                    micros,
                    scorer.foundByKind(corpus, scores, best.threshold()),
                    scorer.peaks(corpus, scores)));
            if (progress != null) {
                progress.printf(Locale.ROOT, "%s: %.2f us/row%n", e.getKey(), micros);
                progress.flush();
            }
        }
        return out;
    }

    String run(Map<String, OpsScorers> scorers, PrintWriter progress) {
        Map<String, Row> byName = new LinkedHashMap<>();
        rows(scorers, progress).forEach(r -> byName.put(r.name(), r));
        return format(byName);
    }

    /** The table and the per-kind lines of {@code byName}'s rows. */
    String format(Map<String, Row> byName) {
        StringBuilder sb = new StringBuilder(String.format(
                Locale.ROOT,
                "| detector | event F1 (best threshold, <= %.2f false/day) | incidents found | false alarms/day | threshold "
                        + "| event F1 at %.2f | found at %.2f | false/day at %.2f |%n|---|---|---|---|---|---|---|---|%n",
                maxFalsePerDay,
                shipped,
                shipped,
                shipped));
        for (Row r : byName.values()) {
            sb.append(String.format(
                    Locale.ROOT,
                    "| %s | %.3f | %d/%d | %.3f | %.5g |",
                    r.name(),
                    r.best().f1(),
                    r.best().found(),
                    r.best().incidents(),
                    r.best().falseAlarmsPerDay(),
                    r.best().threshold()));
            if (r.atShipped() == null) {
                sb.append(" — | — | — |\n");
            } else {
                sb.append(String.format(
                        Locale.ROOT,
                        " %.3f | %d/%d | %.3f |%n",
                        r.atShipped().f1(),
                        r.atShipped().found(),
                        r.atShipped().incidents(),
                        r.atShipped().falseAlarmsPerDay()));
            }
        }
        sb.append("\nincidents found by kind at the best threshold:\n");
        for (Row r : byName.values()) {
            StringBuilder kinds = new StringBuilder();
            r.foundByKind()
                    .forEach((kind, c) -> kinds.append(kinds.length() == 0 ? "" : ", ")
                            .append(kind)
                            .append(' ')
                            .append(c[0])
                            .append('/')
                            .append(c[1]));
            sb.append("- ").append(r.name()).append(": ").append(kinds).append('\n');
        }
        return sb.toString();
    }
}
