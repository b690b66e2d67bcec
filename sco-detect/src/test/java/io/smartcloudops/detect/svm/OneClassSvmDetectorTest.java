package io.smartcloudops.detect.svm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.detect.Detector;
import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.detect.DetectorSettings;
import io.smartcloudops.api.detect.DetectorState;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.detect.likelihood.NamedDetectorScenarios;
import io.smartcloudops.testkit.DetectorContract;
import java.io.IOException;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OneClassSvmDetectorTest extends DetectorContract {

    @Override
    protected DetectorFactory factory() {
        return new OneClassSvmProvider().create(ProviderContext.builder().build());
    }

    @Test
    void trainsOnTheProbationaryWindowThenFlagsUnseenShapes() {
        OneClassSvm svm = new OneClassSvm(SvmParameters.defaults(), 11);
        SplittableRandom r = new SplittableRandom(2);
        double inside = 0;
        int n = SvmParameters.defaults().trainWindow() + 400;
        for (int i = 0; i < n; i++) {
            double s = svm.update(Math.sin(i * 2 * Math.PI / 40) + 0.05 * r.nextGaussian());
            inside = i >= n - 200 ? Math.max(inside, s) : inside;
        }
        assertThat(svm.trained()).isTrue();
        double outside = 0;
        for (int i = 0; i < 8; i++) {
            outside = Math.max(outside, svm.update(6.0));
        }
        assertThat(outside).isGreaterThan(inside);
    }

    @Test
    void rejectsAnImpossibleNu() {
        ProviderContext ctx = ProviderContext.builder()
                .config(ProviderConfig.of("detectors.ocsvm", Map.of("nu", 1.5)))
                .build();
        assertThatThrownBy(() -> new OneClassSvmProvider().create(ctx))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("nu");
    }

    @Test
    void refusesStateOfAnotherVersion() {
        DetectorState wrong = new DetectorState(OneClassSvmProvider.NAME, 99, new byte[8]);
        assertThatThrownBy(() -> factory().restore(wrong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("99");
    }

    @Test
    void readsTheStateVersionOneWroteAndReportsTheNextIncident() throws IOException {
        NamedDetectorScenarios.readsOldStateAndReportsTheNextIncident(
                factory(),
                OneClassSvmProvider.NAME,
                NamedDetectorScenarios.fixture(getClass(), "ocsvm-v1.state"),
                OneClassSvmDetector.STATE_VERSION);
    }

    @Test
    void firstOfManyIncidentsStandsFarAboveTheQuietStretches() {
        NamedDetectorScenarios.Incidents seen = NamedDetectorScenarios.incidentsAtTheShippedThreshold(factory());
        // a shape once seen is less novel: repeats of one spike score lower than the first (docs/DETECTORS.md)
        // the quiet stretches' loudest is, by design, not far below 0.95 (one alarm in 1,400 samples is what 0.95
        // stands for)
        assertThat(seen.firstScore()).isGreaterThan(0.95).isGreaterThan(seen.quietMax());
        assertThat(seen.quietAlarms()).isLessThanOrEqualTo(NamedDetectorScenarios.quietAlarmsAtTheShippedRate());
    }

    @Test
    void keepsItsStateUnderSixteenKibibytes() {
        assertThat(NamedDetectorScenarios.stateBytesAfter(factory(), series(3, 5000)))
                .isLessThan(16 * 1024);
    }

    @Test
    void readsItsCalibrationSectionAndRejectsUnknownKeysThere() {
        NamedDetectorScenarios.readsItsCalibrationSectionAndRejectsUnknownKeysThere(new OneClassSvmProvider());
    }

    @Test
    void relearnsTheRecentWindowSoALastingLevelShiftAlarmsOnceThenIsNormal() {
        Detector d = factory().create(SERIES, DetectorSettings.defaults());
        SplittableRandom r = new SplittableRandom(5);
        int every = OneClassSvmDetector.RELEARN_EVERY;
        int shift = every + 100;
        double atShift = 0;
        double afterRelearning = 0;
        for (int i = 0; i < 3 * every; i++) {
            double level = i < shift ? 0 : 10;
            double s = d.update(new Sample(
                            SERIES, i * 60_000L, level + Math.sin(i * 2 * Math.PI / 40) + 0.05 * r.nextGaussian()))
                    .value();
            if (i >= shift && i < shift + 10) {
                atShift = Math.max(atShift, s);
            } else if (i >= 2 * every + 100) {
                // relearnt at sample 2 * every from a window wholly after the shift
                afterRelearning = Math.max(afterRelearning, s);
            }
        }
        assertThat(atShift).isGreaterThanOrEqualTo(NamedDetectorScenarios.SHIPPED);
        assertThat(afterRelearning).isLessThan(NamedDetectorScenarios.SHIPPED);
    }

    @Test
    void refusesToRelearnMoreOftenThanItsWindowFills() {
        ProviderContext ctx = ProviderContext.builder()
                .config(ProviderConfig.of("detectors.ocsvm", Map.of("relearn_every", 100)))
                .build();
        assertThatThrownBy(() -> new OneClassSvmProvider().create(ctx))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("relearn_every");
    }

    @Test
    void theSeriesOfOneFactoryShareOneFeatureMapThroughRelearningAndRestores() {
        DetectorFactory f = factory();
        OneClassSvmDetector a = (OneClassSvmDetector) f.create(SERIES, DetectorSettings.defaults());
        OneClassSvmDetector b =
                (OneClassSvmDetector) f.create(SeriesId.of("other_series"), DetectorSettings.defaults());
        assertThat(a.model().sharesFeaturesWith(b.model())).isTrue();
        OneClassSvm first = a.model();
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i <= OneClassSvmDetector.RELEARN_EVERY; i++) {
            a.update(new Sample(SERIES, i * 60_000L, Math.sin(i / 7.0) + 0.1 * r.nextGaussian()));
        }
        assertThat(a.model()).as("relearnt").isNotSameAs(first);
        assertThat(a.model().sharesFeaturesWith(b.model())).isTrue();
        OneClassSvmDetector restored = (OneClassSvmDetector) f.restore(a.snapshot());
        assertThat(restored.model().sharesFeaturesWith(b.model())).isTrue();
        OneClassSvmDetector elsewhere = (OneClassSvmDetector) factory().create(SERIES, DetectorSettings.defaults());
        assertThat(elsewhere.model().sharesFeaturesWith(a.model()))
                .as("another factory's")
                .isFalse();
    }

    @Test
    void restoredDetectorsOfOneFactoryShareTheirParametersAndScoreAsBefore() {
        NamedDetectorScenarios.restoredDetectorsShareParametersAndScoreAsBefore(
                factory(), OneClassSvmDetector::restore, d -> ((OneClassSvmDetector) d).parameters());
    }
}
