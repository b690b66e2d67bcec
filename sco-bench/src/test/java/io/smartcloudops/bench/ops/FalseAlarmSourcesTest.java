package io.smartcloudops.bench.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.detect.Detector;
import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.detect.DetectorState;
import io.smartcloudops.api.detect.Score;
import io.smartcloudops.api.metric.Sample;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FalseAlarmSourcesTest {
    private static final long M = OpsCorpus.MINUTE;

    /** Three days of minutes from the corpus's Monday, one incident at day 1 + 100..110 min. */
    private static OpsSeries series(double[] values) {
        long[] t = new long[values.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = OpsCorpus.EPOCH + i * M;
        }
        return new OpsSeries(
                "s",
                t,
                values,
                List.of(new OpsSeries.Incident("spike", OpsCorpus.EPOCH + 1540 * M, OpsCorpus.EPOCH + 1550 * M)),
                3);
    }

    /** Alarms (component "a" before minute 2050, "b" after) at the minutes given, nothing elsewhere. */
    private static DetectorFactory alarmsAt(int... minutes) {
        return DetectorFactory.of(
                "stub",
                (id, settings) -> new Detector() {
                    int i;

                    @Override
                    public Score update(Sample sample) {
                        int at = i++;
                        for (int m : minutes) {
                            if (m == at) {
                                return new Score(1.0, 0, 0, 0, at < 2050 ? "a" : "b", "");
                            }
                        }
                        return Score.none("");
                    }

                    @Override
                    public DetectorState snapshot() {
                        throw new UnsupportedOperationException();
                    }
                },
                state -> {
                    throw new UnsupportedOperationException();
                });
    }

    @Test
    void countsFalsePagesAsTheEventScorerDoesByTheMemberThatSpoke() {
        OpsSeries s = series(new double[3 * 1440]);
        // inside the window, in the unscored first day, a run of three within ten minutes, and one alone
        FalseAlarmSources found =
                FalseAlarmSources.measure(List.of(s), alarmsAt(1545, 100, 2000, 2004, 2009, 2070), 1, 0.5);
        assertThat(found.pages()).isEqualTo(2);
        assertThat(found.byMember()).isEqualTo(Map.of("a (counts)", 1, "b (counts)", 1));
    }

    @Test
    void tellsCountsFromGaussianFromHeavyTailedNoise() {
        SplittableRandom r = new SplittableRandom(1);
        double[] gaussian = new double[5000];
        double[] heavy = new double[5000];
        double[] counts = new double[5000];
        for (int i = 0; i < gaussian.length; i++) {
            gaussian[i] = 10 + r.nextGaussian();
            heavy[i] = 10 + r.nextGaussian() / Math.max(0.05, Math.abs(r.nextGaussian()));
            counts[i] = Math.round(10 + 3 * r.nextGaussian());
        }
        assertThat(FalseAlarmSources.noise(gaussian)).isEqualTo("gaussian");
        assertThat(FalseAlarmSources.noise(heavy)).isEqualTo("heavy");
        assertThat(FalseAlarmSources.noise(counts)).isEqualTo("counts");
    }
}
