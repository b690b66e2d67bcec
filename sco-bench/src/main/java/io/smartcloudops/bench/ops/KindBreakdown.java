package io.smartcloudops.bench.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code ops --by-kind}: per incident kind, how many each detector found and missed at its best
 * threshold, and for each of our detectors against each reference the incidents only one of the two
 * found; then the incidents a reference found and ours missed, with how close our peak score came.
 * Which kinds a reference catches and ours does not is where a member is missing (issue #14).
 */
final class KindBreakdown {
    private final List<OpsSeries> corpus;

    KindBreakdown(List<OpsSeries> corpus) {
        this.corpus = List.copyOf(corpus);
    }

    String format(Map<String, OpsEvaluation.Row> byName) {
        List<OpsEvaluation.Row> ours = new ArrayList<>();
        List<OpsEvaluation.Row> references = new ArrayList<>();
        for (OpsEvaluation.Row r : byName.values()) {
            (r.atShipped() == null ? references : ours).add(r);
        }
        TreeSet<String> kinds = new TreeSet<>();
        corpus.forEach(s -> s.incidents().forEach(i -> kinds.add(i.kind())));
        StringBuilder sb =
                new StringBuilder("\nby kind, at each detector's best threshold (found/missed; ours vs a reference: "
                        + "found by ours only / by the reference only):\n| kind | incidents |");
        StringBuilder rule = new StringBuilder("|---|---|");
        for (OpsEvaluation.Row r : byName.values()) {
            sb.append(' ').append(r.name()).append(" |");
            rule.append("---|");
        }
        for (OpsEvaluation.Row o : ours) {
            for (OpsEvaluation.Row ref : references) {
                sb.append(' ')
                        .append(o.name())
                        .append(" vs ")
                        .append(ref.name())
                        .append(" |");
                rule.append("---|");
            }
        }
        sb.append('\n').append(rule).append('\n');
        for (String kind : kinds) {
            sb.append("| ")
                    .append(kind)
                    .append(" | ")
                    .append(count(kind, null, null))
                    .append(" |");
            for (OpsEvaluation.Row r : byName.values()) {
                int found = count(kind, r, null);
                sb.append(String.format(Locale.ROOT, " %d/%d |", found, count(kind, null, null) - found));
            }
            for (OpsEvaluation.Row o : ours) {
                for (OpsEvaluation.Row ref : references) {
                    sb.append(String.format(Locale.ROOT, " %d / %d |", count(kind, o, ref), count(kind, ref, o)));
                }
            }
            sb.append('\n');
        }
        for (OpsEvaluation.Row o : ours) {
            for (OpsEvaluation.Row ref : references) {
                sb.append(String.format(
                        Locale.ROOT,
                        "%nfound by %s, missed by %s (threshold %.5g; our peak score in the window):%n",
                        ref.name(),
                        o.name(),
                        o.best().threshold()));
                for (int s = 0; s < corpus.size(); s++) {
                    List<OpsSeries.Incident> incidents = corpus.get(s).incidents();
                    for (int k = 0; k < incidents.size(); k++) {
                        if (ref.found(s, k) && !o.found(s, k)) {
                            OpsSeries.Incident inc = incidents.get(k);
                            long from = inc.start() - OpsCorpus.EPOCH;
                            sb.append(String.format(
                                    Locale.ROOT,
                                    "- %s %s at day %d %02d:%02d, %d min, peak %.4f%n",
                                    corpus.get(s).name(),
                                    inc.kind(),
                                    from / OpsCorpus.DAY,
                                    from % OpsCorpus.DAY / (60 * OpsCorpus.MINUTE),
                                    from % (60 * OpsCorpus.MINUTE) / OpsCorpus.MINUTE,
                                    (inc.end() - inc.start()) / OpsCorpus.MINUTE,
                                    o.peaks().get(s)[k]));
                        }
                    }
                }
            }
        }
        return sb.toString();
    }

    /** Incidents of {@code kind} found by {@code by} (every one if null) and not by {@code notBy} (if not null). */
    private int count(String kind, OpsEvaluation.Row by, OpsEvaluation.Row notBy) {
        int n = 0;
        for (int s = 0; s < corpus.size(); s++) {
            List<OpsSeries.Incident> incidents = corpus.get(s).incidents();
            for (int k = 0; k < incidents.size(); k++) {
                if (incidents.get(k).kind().equals(kind)
                        && (by == null || by.found(s, k))
                        && (notBy == null || !notBy.found(s, k))) {
                    n++;
                }
            }
        }
        return n;
    }
}
