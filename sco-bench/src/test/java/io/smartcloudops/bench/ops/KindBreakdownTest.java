package io.smartcloudops.bench.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KindBreakdownTest {
    private static final long M = OpsCorpus.MINUTE;

    /** Three days of minutes from the corpus epoch; a spike at day 1 + 100 min, an outage at day 2, another spike later. */
    private static OpsSeries series() {
        int n = 3 * 1440;
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = OpsCorpus.EPOCH + i * M;
        }
        return new OpsSeries(
                "s",
                t,
                new double[n],
                List.of(
                        new OpsSeries.Incident("spike", OpsCorpus.EPOCH + 1540 * M, OpsCorpus.EPOCH + 1550 * M),
                        new OpsSeries.Incident("outage", OpsCorpus.EPOCH + 2880 * M, OpsCorpus.EPOCH + 2900 * M),
                        new OpsSeries.Incident("spike", OpsCorpus.EPOCH + 3000 * M, OpsCorpus.EPOCH + 3010 * M)),
                3);
    }

    private static double[] alarmsAt(double level, int... minutes) {
        double[] s = new double[3 * 1440];
        for (int m : minutes) {
            s[m] = level;
        }
        return s;
    }

    private static OpsEvaluation.Row row(String name, boolean reference, List<OpsSeries> corpus, double[] scores) {
        EventScorer scorer = new EventScorer();
        List<double[]> all = List.of(scores);
        EventScorer.EventScore best = scorer.score(corpus, all, 0.5);
        return new OpsEvaluation.Row(
                name,
                best,
                reference ? null : best,
                0,
                scorer.foundByKind(corpus, all, 0.5),
                scorer.peaks(corpus, all));
    }

    @Test
    void peaksAreTheHighestScoreInsideEachWindowAfterTheWarmUp() {
        List<OpsSeries> corpus = List.of(series());
        double[] s = alarmsAt(0.7, 1545, 1600, 2890);
        s[2895] = 0.9;
        s[100] = 1.0; // warm-up day: not scored
        assertThat(new EventScorer().peaks(corpus, List.of(s)).get(0)).containsExactly(0.7, 0.9, 0.0);
    }

    @Test
    void countsFoundAndMissedPerKindAndListsWhatOnlyTheReferenceFound() {
        List<OpsSeries> corpus = List.of(series());
        // ours finds the first spike and the outage; the reference finds both spikes but not the outage
        Map<String, OpsEvaluation.Row> rows = new LinkedHashMap<>();
        rows.put("ours", row("ours", false, corpus, alarmsAt(1.0, 1545, 2890)));
        rows.put("ref", row("ref", true, corpus, alarmsAt(1.0, 1545, 3005)));
        String out = new KindBreakdown(corpus).format(rows);
        assertThat(out)
                .contains("| outage | 1 | 1/0 | 0/1 | 1 / 0 |")
                .contains("| spike | 2 | 1/1 | 2/0 | 0 / 1 |")
                .contains("found by ref, missed by ours")
                .contains("- s spike at day 2 02:00, 10 min, peak 0.0000")
                .doesNotContain("- s spike at day 1")
                .doesNotContain("- s outage");
    }
}
