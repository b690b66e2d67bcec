package io.smartcloudops.detect.ensemble;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.detect.Detector;
import io.smartcloudops.api.detect.DetectorSettings;
import io.smartcloudops.api.detect.Score;
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
    private static final long START = 1_700_000_000_000L;

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
            pages += levelPages(new SplittableRandom(seed));
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
                double v = count(r, i, i >= shiftAt ? 10 : 6);
                double s = d.update(new Sample(SERIES, START + i * 60_000L, v)).value();
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

    private static int levelPages(SplittableRandom r) {
        Detector d = detector();
        int pages = 0;
        int last = Integer.MIN_VALUE;
        for (int i = 0; i < 14 * 1440; i++) {
            Score s = d.update(new Sample(SERIES, START + i * 60_000L, count(r, i, 2)));
            if (i >= 1440 && s.value() >= 0.95 && s.component().equals("new level extreme")) {
                pages += i - last >= 10 ? 1 : 0;
                last = i;
            }
        }
        return pages;
    }

    /** A Poisson count (Knuth's product of uniforms) of mean {@code rate} swinging by 40% over the day. */
    private static double count(SplittableRandom r, int i, double rate) {
        double limit = Math.exp(-rate * (1 + 0.4 * Math.sin(2 * Math.PI * i / 1440.0)));
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > limit);
        return k - 1;
    }
}
