package io.smartcloudops.detect.ensemble;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.detect.Detector;
import io.smartcloudops.api.detect.DetectorSettings;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.api.spi.ProviderContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A one-minute count's fast level record judged against how far its own level records usually overshoot
 * ({@link RecordOvershoots}, state version 12), as its raw record is.
 */
class LevelOvershootsTest {
    private static final SeriesId SERIES = SeriesId.of("level_overshoots");

    /**
     * Two weeks of a low count (Poisson, two a minute on average, swinging by 40% over the day), no incident,
     * eight seeds: the ten-sample average of whole units moves by large shares of its range as a matter of course.
     * Before its records were judged against their own overshoots the fast level paged on 79 of them after the first
     * day (now 60); a page is a run of confident scores, runs less than ten minutes apart merged.
     */
    @Test
    void aCountWithNoIncidentPagesLessOftenOnANewLevel() {
        int pages = 0;
        for (int seed = 1; seed <= 8; seed++) {
            pages += DailyCounts.pagesAfterFirstDay(
                    detector(), SERIES, new SplittableRandom(seed), 2, "new level extreme");
        }
        assertThat(pages).isLessThanOrEqualTo(68);
    }

    /** A count of six a minute that rises to ten on day ten is still paged within half an hour, on every seed. */
    @Test
    void aRealLevelShiftOnACountStillPages() {
        int shiftAt = 10 * 1440 + 300;
        for (int seed = 1; seed <= 8; seed++) {
            Detector d = detector();
            SplittableRandom r = new SplittableRandom(seed);
            double loudest = 0;
            for (int i = 0; i < shiftAt + 30; i++) {
                double v = DailyCounts.poisson(r, i, i >= shiftAt ? 10 : 6);
                double s = d.update(new Sample(SERIES, DailyCounts.START + i * 60_000L, v))
                        .value();
                if (i >= shiftAt) {
                    loudest = Math.max(loudest, s);
                }
            }
            assertThat(loudest).as("seed %d", seed).isGreaterThanOrEqualTo(0.95);
        }
    }

    private static Detector detector() {
        return new DefaultEnsembleProvider()
                .create(ProviderContext.builder().build())
                .create(SERIES, DetectorSettings.defaults());
    }
}
