package io.smartcloudops.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.detect.Detector;
import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.detect.DetectorSettings;
import io.smartcloudops.api.detect.DetectorState;
import io.smartcloudops.api.detect.Score;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The contract every detector plugin keeps. Extend it in your plugin's tests and return your factory:
 *
 * <pre>{@code
 * class MyDetectorTest extends DetectorContract {
 *     protected DetectorFactory factory() {
 *         return new MyDetectorFactory();
 *     }
 * }
 * }</pre>
 */
public abstract class DetectorContract {
    /** For the plugin's own test class, which extends this one. */
    protected DetectorContract() {}

    protected static final SeriesId SERIES = SeriesId.of("contract_series");

    protected abstract DetectorFactory factory();

    /** A noisy daily-ish pattern with a spike and a level shift, reproducible from the seed. */
    protected List<Sample> series(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Sample> out = new ArrayList<>(n);
        long t = 1_700_000_000_000L;
        for (int i = 0; i < n; i++) {
            double v = 50 + 10 * Math.sin(i * 2 * Math.PI / 96) + random.nextGaussian() * 2;
            if (i == n / 2) {
                v += 80;
            }
            if (i > 3 * n / 4) {
                v += 25;
            }
            out.add(new Sample(SERIES, t + i * 300_000L, v));
        }
        return out;
    }

    private List<Score> run(Detector d, List<Sample> samples) {
        List<Score> scores = new ArrayList<>();
        for (Sample s : samples) {
            scores.add(d.update(s));
        }
        return scores;
    }

    @Test
    void scoresStayWithinZeroAndOne() {
        Detector d = factory().create(SERIES, DetectorSettings.defaults());
        for (Score s : run(d, series(1, 2_000))) {
            assertThat(s.value()).isBetween(0.0, 1.0);
        }
    }

    @Test
    void sameSeedGivesSameScores() {
        List<Sample> data = series(7, 1_500);
        List<Score> a = run(factory().create(SERIES, DetectorSettings.defaults().withSeed(3)), data);
        List<Score> b = run(factory().create(SERIES, DetectorSettings.defaults().withSeed(3)), data);
        assertThat(values(a)).containsExactly(values(b).toArray(new Double[0]));
    }

    @Test
    void restoredDetectorContinuesWithIdenticalScores() {
        List<Sample> data = series(11, 1_600);
        Detector uninterrupted = factory().create(SERIES, DetectorSettings.defaults());
        List<Score> expected = run(uninterrupted, data);

        Detector first = factory().create(SERIES, DetectorSettings.defaults());
        run(first, data.subList(0, 900));
        DetectorState state = first.snapshot();
        assertThat(state.detector()).isEqualTo(factory().name());
        Detector restored = factory().restore(state);
        List<Score> rest = run(restored, data.subList(900, data.size()));

        assertThat(values(rest))
                .containsExactly(values(expected.subList(900, expected.size())).toArray(new Double[0]));
    }

    @Test
    void scoresArePrefixCausal() {
        List<Sample> data = series(5, 1_200);
        List<Score> full = run(factory().create(SERIES, DetectorSettings.defaults()), data);
        List<Score> prefix = run(factory().create(SERIES, DetectorSettings.defaults()), data.subList(0, 700));
        assertThat(values(prefix)).containsExactly(values(full.subList(0, 700)).toArray(new Double[0]));
    }

    @Test
    void spikeScoresHigherThanQuietStretch() {
        List<Sample> data = series(9, 2_000);
        List<Score> scores = run(factory().create(SERIES, DetectorSettings.defaults()), data);
        double quietMax = scores.subList(800, 990).stream()
                .mapToDouble(Score::value)
                .max()
                .orElseThrow();
        assertThat(scores.get(1_000).value()).isGreaterThan(quietMax);
    }

    private static List<Double> values(List<Score> scores) {
        return scores.stream().map(Score::value).toList();
    }
}
