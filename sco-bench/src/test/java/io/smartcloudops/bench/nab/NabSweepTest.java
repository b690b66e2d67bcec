package io.smartcloudops.bench.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NabSweepTest {
    private static final CostProfile FLAT = new CostProfile("flat", 1.0, 1.0, 1.0);
    private static final LocalDateTime T0 = LocalDateTime.of(2024, 1, 1, 0, 0);

    private static List<LocalDateTime> times(int n) {
        List<LocalDateTime> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(T0.plusMinutes(5L * i));
        }
        return out;
    }

    private static Map<String, ProfileScore> score(double[] scores, int windowStart, int windowEnd) {
        List<LocalDateTime> ts = times(scores.length);
        CorpusLabels labels =
                CorpusLabels.of(Map.of("c/f.csv", List.of(new LabelWindow(ts.get(windowStart), ts.get(windowEnd)))));
        return new NabScorer(labels, List.of(FLAT)).score(List.of(new ScoredFile("c/f.csv", ts, scores)));
    }

    @Test
    void detectionAtFirstRowOfWindowIsPerfect() {
        double[] s = new double[1000];
        s[500] = 1.0;
        ProfileScore p = score(s, 500, 509).get("flat");
        assertThat(p.raw()).isCloseTo(1.0, within(1e-12));
        assertThat(p.normalised()).isCloseTo(100.0, within(1e-9));
        assertThat(p.threshold()).isEqualTo(1.0);
    }

    @Test
    void neverDetectingScoresZeroAfterNormalisation() {
        ProfileScore p = score(new double[1000], 500, 509).get("flat");
        assertThat(p.raw()).isEqualTo(-1.0);
        assertThat(p.normalised()).isZero();
    }

    @Test
    void falsePositiveBeforeAnyWindowCostsItsFullWeight() {
        double[] s = new double[1000];
        s[300] = 1.0;
        s[500] = 1.0;
        ProfileScore p = score(s, 500, 509).get("flat");
        assertThat(p.raw()).isCloseTo(0.0, within(1e-12));
        assertThat(p.files().get(0).falsePositives()).isEqualTo(1);
    }

    @Test
    void rowsInTheProbationaryPeriodAreNotScored() {
        double[] s = new double[1000];
        s[100] = 1.0; // probation is the first 150 rows
        s[500] = 0.9;
        ProfileScore p = score(s, 500, 509).get("flat");
        assertThat(NabSweep.probationaryLength(1000)).isEqualTo(150.0);
        assertThat(NabSweep.probationaryLength(100_000)).isEqualTo(750.0);
        assertThat(p.raw()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void laterDetectionInWindowEarnsLess() {
        double[] early = new double[1000];
        early[502] = 1.0;
        double[] late = new double[1000];
        late[508] = 1.0;
        assertThat(score(early, 500, 509).get("flat").raw())
                .isGreaterThan(score(late, 500, 509).get("flat").raw());
    }
}
