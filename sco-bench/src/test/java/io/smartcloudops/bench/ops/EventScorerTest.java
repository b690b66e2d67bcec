package io.smartcloudops.bench.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventScorerTest {
    private static final long M = OpsCorpus.MINUTE;

    /** Three days of minutes, incidents at day 1 + 100..110 min and day 2 + 0..20 min. */
    private static OpsSeries series() {
        int n = 3 * 1440;
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = i * M;
        }
        return new OpsSeries(
                "s",
                t,
                new double[n],
                List.of(
                        new OpsSeries.Incident("spike", 1540 * M, 1550 * M),
                        new OpsSeries.Incident("outage", 2880 * M, 2900 * M)),
                3);
    }

    private static double[] alarmsAt(int... minutes) {
        double[] s = new double[3 * 1440];
        for (int m : minutes) {
            s[m] = 1.0;
        }
        return s;
    }

    @Test
    void anAlarmInsideAWindowFindsItAndNearbyFalseAlarmsAreOnePage() {
        // one alarm in the first window, three false alarms within 10 minutes of each other, one more an hour later
        double[] s = alarmsAt(1545, 2000, 2004, 2009, 2070);
        var score = new EventScorer().score(List.of(series()), List.of(s), 0.5);
        assertThat(score.incidents()).isEqualTo(2);
        assertThat(score.found()).isEqualTo(1);
        assertThat(score.falseAlarms()).isEqualTo(2);
        assertThat(score.falseAlarmsPerDay()).isEqualTo(1.0); // two scored days
        assertThat(score.f1()).isEqualTo(2.0 / (2 + 2 + 1));
    }

    @Test
    void alarmsInTheWarmUpDayAreNotScored() {
        var score = new EventScorer().score(List.of(series()), List.of(alarmsAt(10, 500, 1545, 2885)), 0.5);
        assertThat(score.found()).isEqualTo(2);
        assertThat(score.falseAlarms()).isZero();
        assertThat(score.f1()).isEqualTo(1.0);
    }

    @Test
    void theBestThresholdKeepsWithinTheFalseAlarmBudget() {
        double[] s = alarmsAt(1545, 2885);
        for (int m = 1500; m < 4000; m += 30) {
            s[m] = Math.max(s[m], 0.7); // many pages at 0.7: within windows only at a threshold above them
        }
        var best = new EventScorer().best(List.of(series()), List.of(s), 0.5);
        assertThat(best.falseAlarmsPerDay()).isLessThanOrEqualTo(0.5);
        assertThat(best.found()).isEqualTo(2);
    }
}
