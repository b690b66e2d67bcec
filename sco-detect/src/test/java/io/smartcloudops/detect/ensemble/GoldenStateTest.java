package io.smartcloudops.detect.ensemble;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.detect.Detector;
import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.detect.DetectorState;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.api.spi.ProviderContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * State written by earlier builds stays readable. Each {@code default-vN.state} fixture is the
 * snapshot a build writing version N took after {@link #FIXTURE_SAMPLES} samples of {@link #value}
 * (a spike at sample 1200 included); it was written once and is never regenerated.
 */
class GoldenStateTest {
    static final SeriesId SERIES = SeriesId.of("golden_series");
    static final int FIXTURE_SAMPLES = 1500;

    private final DetectorFactory factory =
            new DefaultEnsembleProvider().create(ProviderContext.builder().build());

    /** The fixtures' series: a sine with Gaussian noise, one minute apart, with a spike at 1200. */
    static double[] values(int n) {
        SplittableRandom r = new SplittableRandom(2026);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 50 + 10 * Math.sin(i * 2 * Math.PI / 96) + r.nextGaussian() * 2 + (i == 1200 ? 80 : 0);
        }
        return v;
    }

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = GoldenStateTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void versionThreeStateIsReadAndReportsTheNextIncident() throws IOException {
        readsAndReportsTheNextIncident(3);
    }

    @Test
    void versionFourStateIsReadAndReportsTheNextIncident() throws IOException {
        readsAndReportsTheNextIncident(4);
    }

    @Test
    void versionFiveStateWithCompactTreesIsReadAndReportsTheNextIncident() throws IOException {
        readsAndReportsTheNextIncident(5);
    }

    @Test
    void versionSixStateWithACodedSeasonAndListedContextsIsReadAndReportsTheNextIncident() throws IOException {
        readsAndReportsTheNextIncident(6);
        assertThat(fixture("default-v6.state").length).isLessThan(fixture("default-v5.state").length - 1000);
    }

    /** A version 5 state (its season as doubles, its contexts as bits) and its current rewrite score alike. */
    @Test
    void versionFiveAndItsCurrentRewriteScoreIdentically() throws IOException {
        Detector old = factory.restore(new DetectorState(DefaultEnsembleProvider.NAME, 5, fixture("default-v5.state")));
        Detector rewritten = factory.restore(old.snapshot());
        double[] v = values(2000);
        for (int i = FIXTURE_SAMPLES; i < v.length; i++) {
            Sample s = new Sample(SERIES, 1_700_000_000_000L + i * 60_000L, v[i]);
            assertThat(rewritten.update(s).value()).isEqualTo(old.update(s).value());
        }
    }

    @Test
    void versionSevenStateWithTheDailyProfileIsReadAndReportsTheNextIncident() throws IOException {
        readsAndReportsTheNextIncident(7);
    }

    /** Version 8 adds the value records' counts of confident samples (the spike at 1200 among them). */
    @Test
    void versionEightStateWithTheRecordsConfidentCountsIsReadAndReportsTheNextIncident() throws IOException {
        readsAndReportsTheNextIncident(8);
        EnsembleDetector d = EnsembleDetector.restore(
                new DetectorState(DefaultEnsembleProvider.NAME, 8, fixture("default-v8.state")));
        assertThat(d.confidentCounts()).containsExactly(1, 4);
    }

    /** Version 9 adds the levels the series sustained (16 bytes). */
    @Test
    void versionNineStateWithTheSustainedLevelsIsReadAndReportsTheNextIncident() throws IOException {
        readsAndReportsTheNextIncident(9);
        assertThat(fixture("default-v9.state").length).isEqualTo(fixture("default-v8.state").length + 16);
    }

    /**
     * Version 10 adds the deviating run member: its weight (8 bytes), its runs of two and five values (60 and 132) and
     * their tail fits (188 each).
     */
    @Test
    void versionTenStateWithTheDeviatingRunsIsReadAndReportsTheNextIncident() throws IOException {
        readsAndReportsTheNextIncident(10);
        assertThat(fixture("default-v10.state").length)
                .isEqualTo(fixture("default-v9.state").length + 8 + 60 + 132 + 2 * 188);
    }

    /** Version 11 adds the raw record's usual overshoots on each side (24 bytes). */
    @Test
    void versionElevenStateWithTheRecordOvershootsIsReadAndReportsTheNextIncident() throws IOException {
        readsAndReportsTheNextIncident(11);
        assertThat(fixture("default-v11.state").length).isEqualTo(fixture("default-v10.state").length + 24);
    }

    /** Version 12 adds the fast level record's usual overshoots on each side (24 bytes). */
    @Test
    void versionTwelveStateWithTheLevelOvershootsIsReadAndReportsTheNextIncident() throws IOException {
        readsAndReportsTheNextIncident(12);
        assertThat(fixture("default-v12.state").length).isEqualTo(fixture("default-v11.state").length + 24);
    }

    /** A version 9 state weighs the deviating run member 0, so it scores as it did; its rewrite scores alike. */
    @Test
    void versionNineStateKeepsThePairedDeviationMuteAndItsRewriteScoresAlike() throws IOException {
        EnsembleDetector old = EnsembleDetector.restore(
                new DetectorState(DefaultEnsembleProvider.NAME, 9, fixture("default-v9.state")));
        assertThat(old.parameters().weight(10)).isZero();
        assertThat(EnsembleParameters.defaults().weight(10)).isEqualTo(1.0);
        Detector rewritten = factory.restore(old.snapshot());
        double[] v = values(3000);
        for (int i = FIXTURE_SAMPLES; i < v.length; i++) {
            Sample s = new Sample(SERIES, 1_700_000_000_000L + i * 60_000L, v[i] + (i == 2200 ? 80 : 0));
            assertThat(rewritten.update(s).value()).isEqualTo(old.update(s).value());
        }
    }

    /** A version 7 state starts counting confident samples at its restore; it and its rewrite score alike. */
    @Test
    void versionSevenStateStartsCountingAtItsRestoreAndItsRewriteScoresAlike() throws IOException {
        EnsembleDetector old = EnsembleDetector.restore(
                new DetectorState(DefaultEnsembleProvider.NAME, 7, fixture("default-v7.state")));
        assertThat(old.confidentCounts()).containsExactly(0, 0);
        Detector rewritten = factory.restore(old.snapshot());
        assertThat(rewritten.snapshot().version()).isEqualTo(EnsembleDetector.STATE_VERSION);
        double[] v = values(3000);
        for (int i = FIXTURE_SAMPLES; i < v.length; i++) {
            Sample s = new Sample(SERIES, 1_700_000_000_000L + i * 60_000L, v[i] + (i == 2200 ? 80 : 0));
            assertThat(rewritten.update(s).value()).isEqualTo(old.update(s).value());
        }
        assertThat(old.confidentCounts()[0] + old.confidentCounts()[1]).isPositive();
    }

    /** States written before the daily profile existed keep it off, so they score as they did. */
    @Test
    void versionSixStateKeepsTheDailyProfileOff() throws IOException {
        EnsembleDetector old = EnsembleDetector.restore(
                new DetectorState(DefaultEnsembleProvider.NAME, 6, fixture("default-v6.state")));
        EnsembleDetector rewritten = EnsembleDetector.restore(old.snapshot());
        assertThat(rewritten.parameters().dailyProfile()).isFalse();
        assertThat(EnsembleParameters.defaults().dailyProfile()).isTrue();
    }

    /**
     * Detectors one factory restores share one instance of each equal parameter record (issue #15)
     * and score exactly as a detector restored on its own, with unshared copies, does.
     */
    @Test
    void restoredDetectorsOfOneFactoryShareTheirParametersAndScoreAsBefore() throws IOException {
        DetectorState state = new DetectorState(DefaultEnsembleProvider.NAME, 7, fixture("default-v7.state"));
        EnsembleDetector a = (EnsembleDetector) factory.restore(state);
        EnsembleDetector b = (EnsembleDetector) factory.restore(state);
        EnsembleDetector alone = EnsembleDetector.restore(state);
        assertThat(b.parameters()).isSameAs(a.parameters());
        for (int m = 0; m < 3; m++) {
            assertThat(b.memberParameters().get(m))
                    .isSameAs(a.memberParameters().get(m));
        }
        assertThat(alone.parameters()).isNotSameAs(a.parameters()).isEqualTo(a.parameters());
        assertThat(alone.memberParameters()).isEqualTo(a.memberParameters());
        double[] v = values(2500);
        for (int i = FIXTURE_SAMPLES; i < v.length; i++) {
            Sample s = new Sample(SERIES, 1_700_000_000_000L + i * 60_000L, v[i] + (i == 2200 ? 80 : 0));
            double expected = alone.update(s).value();
            assertThat(a.update(s).value()).isEqualTo(expected);
            assertThat(b.update(s).value()).isEqualTo(expected);
        }
        assertThat(a.snapshot().bytes()).isEqualTo(alone.snapshot().bytes());
    }

    /** Sharing is the factory's, not the JVM's: two agents' factories share nothing. */
    @Test
    void factoriesDoNotShareParametersWithEachOther() throws IOException {
        DetectorState state = new DetectorState(DefaultEnsembleProvider.NAME, 7, fixture("default-v7.state"));
        DetectorFactory other =
                new DefaultEnsembleProvider().create(ProviderContext.builder().build());
        EnsembleDetector a = (EnsembleDetector) factory.restore(state);
        EnsembleDetector b = (EnsembleDetector) other.restore(state);
        assertThat(b.parameters()).isNotSameAs(a.parameters()).isEqualTo(a.parameters());
    }

    /** A version 4 state (a forest of format 1) and the same detector in version 5 score alike. */
    @Test
    void versionFourAndItsCurrentRewriteScoreIdentically() throws IOException {
        Detector old = factory.restore(new DetectorState(DefaultEnsembleProvider.NAME, 4, fixture("default-v4.state")));
        Detector rewritten = factory.restore(old.snapshot());
        assertThat(rewritten.snapshot().bytes().length).isLessThan(fixture("default-v4.state").length);
        double[] v = values(2000);
        for (int i = FIXTURE_SAMPLES; i < v.length; i++) {
            Sample s = new Sample(SERIES, 1_700_000_000_000L + i * 60_000L, v[i]);
            assertThat(rewritten.update(s).value()).isEqualTo(old.update(s).value());
        }
    }

    private void readsAndReportsTheNextIncident(int version) throws IOException {
        Detector d = factory.restore(
                new DetectorState(DefaultEnsembleProvider.NAME, version, fixture("default-v" + version + ".state")));
        double[] v = values(2500);
        double quietMax = 0;
        double spike = 0;
        for (int i = FIXTURE_SAMPLES; i < v.length; i++) {
            double x = v[i] + (i == 2200 ? 80 : 0);
            double s = d.update(new Sample(SERIES, 1_700_000_000_000L + i * 60_000L, x))
                    .value();
            assertThat(s).isBetween(0.0, 1.0);
            if (i == 2200) {
                spike = s;
            } else if (i > 1700 && i < 2200) {
                quietMax = Math.max(quietMax, s);
            }
        }
        assertThat(spike).isGreaterThan(AnomalyLikelihoodScores.confident()).isGreaterThan(quietMax);
        // the restored detector writes the current version, and that state reads back
        assertThat(d.snapshot().version()).isEqualTo(EnsembleDetector.STATE_VERSION);
        assertThat(factory.restore(d.snapshot()).snapshot().bytes())
                .isEqualTo(d.snapshot().bytes());
    }

    /** The score of a confident alarm. */
    static final class AnomalyLikelihoodScores {
        static double confident() {
            return EnsembleDetector.toScore(EnsembleParameters.defaults().quietSurprisal());
        }
    }
}
