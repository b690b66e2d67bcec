package io.smartcloudops.detect.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.detect.Detector;
import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.detect.DetectorSettings;
import io.smartcloudops.api.detect.DetectorState;
import io.smartcloudops.api.detect.Score;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.spi.DetectorProvider;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.api.spi.ProviderRegistry;
import io.smartcloudops.detect.forest.StreamingIsolationForest;
import io.smartcloudops.detect.likelihood.AnomalyLikelihood;
import io.smartcloudops.detect.seasonal.SeasonalForecaster;
import io.smartcloudops.detect.svm.OneClassSvm;
import io.smartcloudops.testkit.DetectorContract;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DefaultEnsembleTest extends DetectorContract {

    @Override
    protected DetectorFactory factory() {
        return new DefaultEnsembleProvider().create(ProviderContext.builder().build());
    }

    @Test
    void isDiscoveredAsDefault() {
        ProviderRegistry registry =
                ProviderRegistry.builder().discover(getClass().getClassLoader()).build();
        assertThat(registry.provider(DetectorProvider.class, "default")).isInstanceOf(DefaultEnsembleProvider.class);
        assertThat(registry.names(DetectorProvider.class)).contains("ewma", "seasonal", "iforest", "ocsvm", "default");
    }

    @Test
    void stateStaysUnderTenKibibytes() {
        Detector d = factory().create(SERIES, DetectorSettings.defaults());
        List<Sample> data = series(21, 5000);
        int largest = 0;
        for (int i = 0; i < data.size(); i++) {
            d.update(data.get(i));
            if (i % 250 == 0) {
                largest = Math.max(largest, d.snapshot().bytes().length);
            }
        }
        // issue #15 aims at 6 KiB; the forest's compact trees (state version 5) brought it from ~10 KB to ~7 KB
        assertThat(largest).isLessThan(10 * 1024);
    }

    @Test
    void reportsOneIncidentOnceNotOnEveryEcho() {
        Detector d = factory().create(SERIES, DetectorSettings.defaults());
        List<Sample> data = series(17, 1400);
        double first = 0;
        double echo = 0;
        for (int i = 0; i < data.size(); i++) {
            Sample s = data.get(i);
            boolean incident = i == 1200 || i == 1203;
            Score score = d.update(incident ? new Sample(SERIES, s.timestampMillis(), s.value() + 80) : s);
            first = i == 1200 ? score.value() : first;
            echo = i == 1203 ? score.value() : echo;
        }
        assertThat(echo).isLessThan(first);
    }

    @Test
    void holdsBackTheAftermathOfAConfidentAlarm() {
        Detector d = factory().create(SERIES, DetectorSettings.defaults());
        List<Sample> data = series(17, 1300);
        double spike = 0;
        double aftermath = 0;
        String aftermathReason = "";
        for (int i = 0; i < data.size(); i++) {
            Sample s = data.get(i);
            // a spike, then a second bigger one a few samples later: still the same incident
            double extra = i == 1200 ? 80 : i == 1210 ? 160 : 0;
            Score score = d.update(new Sample(SERIES, s.timestampMillis(), s.value() + extra));
            spike = i == 1200 ? score.value() : spike;
            if (i == 1210) {
                aftermath = score.value();
                aftermathReason = score.reason();
            }
        }
        assertThat(spike)
                .isGreaterThan(
                        EnsembleDetector.toScore(EnsembleParameters.defaults().quietSurprisal()));
        assertThat(aftermath).isZero();
        assertThat(aftermathReason).contains("held back");
    }

    /**
     * Sixty days of 1-minute samples with an incident a day (spikes up and down, half-hour level
     * shifts) after the first: none may be held back, and all but one raise a confident alarm. A quiet
     * period that grew with the samples seen (2.5% of them) held back every incident after day 40.
     */
    @Test
    void reportsTheIncidentsOfALongSeriesWithAnIncidentADay() {
        Detector d = factory().create(SERIES, DetectorSettings.defaults());
        SplittableRandom random = new SplittableRandom(5);
        int n = 60 * 1440;
        int every = 1440;
        double confident =
                EnsembleDetector.toScore(EnsembleParameters.defaults().quietSurprisal());
        List<Integer> weak = new ArrayList<>();
        List<Integer> unconfident = new ArrayList<>();
        int incidents = 0;
        double best = 0;
        for (int i = 0; i < n; i++) {
            double v = 100 + 20 * Math.sin(2 * Math.PI * i / 1440) + random.nextGaussian() * 2;
            int since = i % every;
            int incident = i / every;
            boolean inside = i >= 1440 && since < 30;
            if (inside) {
                switch (incident % 3) {
                    case 0 -> v += since == 0 ? 40 : 0;
                    case 1 -> v -= since == 0 ? 40 : 0;
                    default -> v += 25;
                }
            }
            double score = d.update(new Sample(SERIES, 1_700_000_000_000L + i * 60_000L, v))
                    .value();
            if (inside) {
                best = since == 0 ? score : Math.max(best, score);
                if (since == 29) {
                    incidents++;
                    // one in 280: far above what a held-back (0) or echoed incident gets
                    if (best < EnsembleDetector.toScore(2.45)) {
                        weak.add(incident);
                    }
                    if (best < confident) {
                        unconfident.add(incident);
                    }
                }
            }
        }
        assertThat(incidents).isEqualTo(59);
        assertThat(weak).as("incidents (one a day) held back or echoed").isEmpty();
        assertThat(unconfident).as("incidents without a confident alarm").hasSizeLessThanOrEqualTo(1);
    }

    /**
     * Twenty days of 1-minute samples with an incident every three hours after the first day, cycling
     * through a spike, an outage (the value falls to near zero for half an hour) and a half-hour level
     * shift: each is a new, different incident two and a half hours after the last one ended, and each
     * must be reported, not held back as the aftermath of the one before. Today 146 of the 152 are
     * (four spikes and two shifts are not, issue #14); the
     * bound of one in twenty fails for any gate that goes deaf after an alarm.
     */
    @Test
    void reportsEachOfManyIncidentsOfDifferentKindsHoursApart() {
        Detector d = factory().create(SERIES, DetectorSettings.defaults());
        SplittableRandom random = new SplittableRandom(11);
        int n = 20 * 1440;
        int every = 180;
        List<Integer> missed = new ArrayList<>();
        int incidents = 0;
        double best = 0;
        for (int i = 0; i < n; i++) {
            double noise = random.nextGaussian() * 2;
            double v = 100 + 20 * Math.sin(2 * Math.PI * i / 1440);
            int since = i % every;
            int incident = i / every;
            boolean inside = i >= 1440 && since < 60;
            if (inside) {
                switch (incident % 3) {
                    case 0 -> v += since == 0 ? 40 : 0;
                    case 1 -> {
                        if (since < 30) {
                            v = 2;
                            noise /= 10;
                        }
                    }
                    default -> v += since < 30 ? 25 : 0;
                }
            }
            double score = d.update(new Sample(SERIES, 1_700_000_000_000L + i * 60_000L, v + noise))
                    .value();
            if (inside) {
                best = since == 0 ? score : Math.max(best, score);
                if (since == 59) {
                    incidents++;
                    // one in 280: far above what a held-back (0) or echoed incident gets
                    if (best < EnsembleDetector.toScore(2.45)) {
                        missed.add(incident);
                    }
                }
            }
        }
        assertThat(incidents).isEqualTo(19 * 8);
        assertThat(missed).as("incidents (every three hours) not reported").hasSizeLessThanOrEqualTo(incidents / 20);
    }

    @Test
    void restoredDuringAQuietPeriodContinuesIdentically() {
        DetectorFactory f = factory();
        List<Sample> data = series(23, 1500);
        Detector uninterrupted = f.create(SERIES, DetectorSettings.defaults());
        Detector first = f.create(SERIES, DetectorSettings.defaults());
        for (int i = 0; i < 1105; i++) {
            Sample s = spiked(data.get(i), i == 1100);
            uninterrupted.update(s);
            first.update(s);
        }
        Detector restored = f.restore(first.snapshot());
        for (int i = 1105; i < data.size(); i++) {
            Sample s = spiked(data.get(i), i == 1300);
            assertThat(restored.update(s).value())
                    .isEqualTo(uninterrupted.update(s).value());
        }
    }

    private static Sample spiked(Sample s, boolean spike) {
        return spike ? new Sample(SERIES, s.timestampMillis(), s.value() + 100) : s;
    }

    @Test
    void explainsWhichMemberFired() {
        Detector d = factory().create(SERIES, DetectorSettings.defaults());
        Score last = null;
        for (Sample s : series(9, 1001)) {
            last = d.update(s);
        }
        assertThat(last.component())
                .isIn("seasonal", "iforest", "ocsvm", "new level extreme", "new slow level extreme", "new context");
        assertThat(last.reason()).contains("surprise");
    }

    @Test
    void stabilisedAndSummingVariantsRestoreExactly() {
        ProviderContext ctx = ProviderContext.builder()
                .config(ProviderConfig.of(
                        "detectors.default",
                        Map.of("stabilise", true, "fusion", "sum", "seasonal", Map.of("alpha", 0.2))))
                .build();
        DetectorFactory f = new DefaultEnsembleProvider().create(ctx);
        List<Sample> data = series(31, 1300);
        Detector uninterrupted = f.create(SERIES, DetectorSettings.defaults());
        Detector first = f.create(SERIES, DetectorSettings.defaults());
        for (int i = 0; i < 700; i++) {
            uninterrupted.update(data.get(i));
            first.update(data.get(i));
        }
        Detector restored = f.restore(first.snapshot());
        for (int i = 700; i < data.size(); i++) {
            Score expected = uninterrupted.update(data.get(i));
            Score actual = restored.update(data.get(i));
            assertThat(actual.value()).isEqualTo(expected.value());
            assertThat(actual.expected()).isEqualTo(expected.expected());
        }
    }

    @Test
    void newExtremeIsReportedEvenBeforeTheSeasonIsLearnt() {
        Detector d = factory().create(SERIES, DetectorSettings.defaults());
        List<Sample> data = series(41, 500);
        double quiet = 0;
        for (int i = 0; i < 499; i++) {
            double v = d.update(data.get(i)).value();
            quiet = i >= 300 ? Math.max(quiet, v) : quiet;
        }
        Sample last = data.get(499);
        Score extreme = d.update(new Sample(SERIES, last.timestampMillis(), 500));
        assertThat(extreme.value()).isGreaterThan(quiet);
        assertThat(extreme.component()).isEqualTo("new extreme");
    }

    @Test
    void rejectsUnknownFusion() {
        ProviderContext ctx = ProviderContext.builder()
                .config(ProviderConfig.of("detectors.default", Map.of("fusion", "vote")))
                .build();
        assertThatThrownBy(() -> new DefaultEnsembleProvider().create(ctx))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("vote");
    }

    @Test
    void readsVersionTwoStateWrittenBeforeTheContextMemberWithABoundedQuietPeriod() {
        // a detector that ignores contexts scores as version 2 did; its state, less the context parts, is version 2
        // state
        ProviderContext ctx = ProviderContext.builder()
                .config(ProviderConfig.of("detectors.default", Map.of("weight_context", 0)))
                .build();
        DetectorFactory f = new DefaultEnsembleProvider().create(ctx);
        List<Sample> data = series(29, 1600);
        Detector first = f.create(SERIES, DetectorSettings.defaults());
        for (int i = 0; i < 900; i++) {
            first.update(data.get(i));
        }
        // versions before 5 hold the forest's values as floats, coded afresh when read: the version 4 rewrite, whose
        // forest is read the same way, is the detector to score alike
        byte[] current = first.snapshot().bytes();
        Detector uninterrupted = f.restore(new DetectorState(DefaultEnsembleProvider.NAME, 4, asVersionFour(current)));
        Detector restored = f.restore(new DetectorState(DefaultEnsembleProvider.NAME, 2, asVersionTwo(current)));
        for (int i = 900; i < data.size(); i++) {
            Sample s = spiked(data.get(i), i == 1300);
            assertThat(restored.update(s).value())
                    .isEqualTo(uninterrupted.update(s).value());
        }
    }

    /**
     * Rewrites current bytes in the version 4 layout: the season as doubles (the forecaster's format 1),
     * the forest in its format 1, the seen contexts as the table's bits (the context's format 1), and
     * without the daily profile (version 7's switch in the parameters and its state at the end) or what
     * versions 8 to 12 added after it (and version 10's weight).
     */
    private static byte[] asVersionFour(byte[] current) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(current));
            ByteArrayOutputStream v4 = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(v4);
            EnsembleParameters.readFrom(in, EnsembleDetector.STATE_VERSION);
            in.readByte();
            // the parameters end with the daily profile's switch, left out; the direction's byte follows. Version 10's
            // eleventh weight (the deviating run's), after warmup (4), four doubles (32), fusion (1) and ten
            // weights, is left out too
            int paramsEnd = current.length - in.available() - 1;
            int pairWeight = 4 + 32 + 1 + 10 * 8;
            out.write(current, 0, pairWeight);
            out.write(current, pairWeight + 8, paramsEnd - 1 - pairWeight - 8);
            out.write(current, paramsEnd, 1);
            SeasonalForecaster.readFrom(in, SeasonalForecaster.FORMAT).writeTo(out, 1);
            StreamingIsolationForest.readFrom(in).writeTo(out, 1);
            int membersStart = current.length - in.available();
            OneClassSvm.readFrom(in);
            for (int i = 0; i < 5; i++) {
                AnomalyLikelihood.readFrom(in);
            }
            VarianceStabiliser.readFrom(in);
            RangeNovelty.readFrom(in);
            RangeNovelty.readFrom(in);
            LevelNovelty.readFrom(in);
            LevelNovelty.readFrom(in);
            int contextStart = current.length - in.available();
            out.write(current, membersStart, contextStart - membersStart);
            ContextNovelty.readFrom(in, ContextNovelty.FORMAT).writeTo(out, 1);
            int contextEnd = current.length - in.available();
            // version 7's daily profile, version 8's counts of confident samples and whole extremes, version 9's
            // sustained levels, version 10's two deviating runs and their tail fits and version 11's and 12's record
            // overshoots end the state
            ByteArrayOutputStream profile = new ByteArrayOutputStream();
            DataOutputStream tail = new DataOutputStream(profile);
            new DailyProfile(320).writeTo(tail);
            new ConfidentRate().writeTo(tail);
            new ConfidentRate().writeTo(tail);
            new WholeExtremes().writeTo(tail);
            new SustainedLevels().writeTo(tail);
            new RunDeviation(EnsembleDetector.SHORT_RUN).writeTo(tail);
            new RunDeviation(EnsembleDetector.LONG_RUN).writeTo(tail);
            new AnomalyLikelihood(0.99, 5000, 100).writeTo(tail);
            new AnomalyLikelihood(0.99, 5000, 100).writeTo(tail);
            new RecordOvershoots().writeTo(tail);
            new RecordOvershoots().writeTo(tail);
            tail.flush();
            out.write(current, contextEnd, current.length - profile.size() - contextEnd);
            out.flush();
            return v4.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Cuts the context member's weight and state out of current bytes and writes the quiet period as
     * version 2's share of the samples seen, leaving the version 2 layout.
     */
    private static byte[] asVersionTwo(byte[] current) {
        byte[] v4 = asVersionFour(current);
        // parameters: warmup (4), four doubles (32), fusion (1), then nine weights before the context's
        int contextWeight = 4 + 32 + 1 + 9 * 8;
        // after the weights: extreme memory (8), stabilise (1), quiet surprisal (8), then the quiet samples (4)
        int quiet = contextWeight + 8 + 8 + 1 + 8;
        // the context state sits before the count (8), the gate (16) and the two residual means (16)
        int contextState = 8 * 8 + 3 * 4 + 1024;
        int contextEnd = v4.length - 40;
        ByteArrayOutputStream v2 = new ByteArrayOutputStream();
        v2.write(v4, 0, contextWeight);
        v2.write(v4, contextWeight + 8, quiet - contextWeight - 8);
        long share = Double.doubleToLongBits(0.025);
        for (int shift = 56; shift >= 0; shift -= 8) {
            v2.write((int) (share >>> shift));
        }
        v2.write(v4, quiet + 4, contextEnd - contextState - quiet - 4);
        v2.write(v4, contextEnd, 40);
        return v2.toByteArray();
    }

    @Test
    void refusesStateOfAnotherVersion() {
        DetectorState wrong = new DetectorState(DefaultEnsembleProvider.NAME, 99, new byte[8]);
        assertThatThrownBy(() -> factory().restore(wrong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("99");
    }
}
