package io.smartcloudops.bench.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.smartcloudops.api.detect.Detector;
import io.smartcloudops.api.detect.DetectorSettings;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReferenceDetectorsTest {
    private static final SeriesId SERIES = SeriesId.of("reference_series");

    @Test
    void zScoreJudgesEachSampleAgainstTheWindowBeforeIt() {
        Detector z = ReferenceDetectors.named(ReferenceDetectors.ZSCORE)
                .orElseThrow()
                .create(SERIES, DetectorSettings.defaults());
        for (int i = 0; i < ReferenceDetectors.ZSCORE_WINDOW; i++) {
            // mean 1, standard deviation 1
            assertThat(z.update(new Sample(SERIES, i, i % 2 == 0 ? 0 : 2)).value())
                    .isZero();
        }
        // |4 - 1| / 1 = 3, reported as 3 / (1 + 3)
        assertThat(z.update(new Sample(SERIES, 100, 4)).value()).isCloseTo(0.75, within(1e-9));
    }

    @Test
    void randomCutForestScoresASpikeAboveTheQuietStretchBeforeIt() {
        Detector rcf = ReferenceDetectors.named(ReferenceDetectors.RCF)
                .orElseThrow()
                .create(SERIES, DetectorSettings.defaults().withSeed(3));
        SplittableRandom r = new SplittableRandom(5);
        double quiet = 0;
        for (int i = 0; i < 1500; i++) {
            double s = rcf.update(new Sample(SERIES, i, Math.sin(i * 2 * Math.PI / 50) + 0.05 * r.nextGaussian()))
                    .value();
            quiet = i > 1000 ? Math.max(quiet, s) : quiet;
        }
        assertThat(rcf.update(new Sample(SERIES, 1500, 8.0)).value()).isGreaterThan(quiet);
    }

    @Test
    void aDetectorNameIsNoReference() {
        assertThat(ReferenceDetectors.named("iforest")).isEmpty();
    }
}
