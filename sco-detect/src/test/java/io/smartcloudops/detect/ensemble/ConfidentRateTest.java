package io.smartcloudops.detect.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.smartcloudops.api.detect.Detector;
import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.detect.DetectorSettings;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.api.spi.ProviderContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConfidentRateTest {
    private static final SeriesId SERIES = SeriesId.of("confident_rate");
    private static final double Q = 4.5;

    @Test
    void leavesAMemberAloneWhileItIsConfidentNoMoreOftenThanItClaims() {
        ConfidentRate r = new ConfidentRate();
        // one confident sample where one was claimed: (1 + 1) / (1 + 1), no correction
        assertThat(r.calibrated(6.0, 0.0, 0.0, Q)).isEqualTo(6.0);
        assertThat(r.calibrated(6.0, 0.0, 1.0, Q)).isEqualTo(6.0);
        assertThat(r.calibrated(3.0, 0.0, 5.0, Q)).isEqualTo(3.0);
        assertThat(r.calibrated(0.0, 0.0, 5.0, Q)).isZero();
    }

    @Test
    void takesOffTheLogarithmOfHowManyTimesMoreOftenItWasConfidentThanClaimed() {
        ConfidentRate r = new ConfidentRate();
        for (int i = 0; i < 19; i++) {
            r.calibrated(5.0, 0.0, 0.0, Q);
        }
        assertThat(r.confident()).isEqualTo(19);
        // 19 confident where 1 was claimed: (19 + 1) / (1 + 1) = 10 times too often, one decade off
        assertThat(r.calibrated(8.0, 2.0, 1.0, Q)).isCloseTo(7.0, within(1e-12));
        // never below the bare record's surprisal, nor above what the member said
        assertThat(r.calibrated(5.0, 4.5, 1.0, Q)).isEqualTo(4.5);
        assertThat(r.calibrated(2.0, 4.0, 1.0, Q)).isEqualTo(2.0);
        assertThat(r.calibrated(0.5, 0.0, 1.0, Q)).isZero();
        // counted as the member said it: 8 and 5 above, so two more confident samples
        assertThat(r.confident()).isEqualTo(21);
    }

    @Test
    void aRestoredCountCarriesOnExactly() throws IOException {
        ConfidentRate r = new ConfidentRate();
        for (int i = 0; i < 7; i++) {
            r.calibrated(4.6, 4.0, 0.1 * i, Q);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            r.writeTo(out);
        }
        assertThat(bytes.size()).isEqualTo(4);
        ConfidentRate back = ConfidentRate.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(back.confident()).isEqualTo(7);
        assertThat(back.calibrated(9.0, 3.0, 1.0, Q)).isEqualTo(r.calibrated(9.0, 3.0, 1.0, Q));
    }

    /**
     * Two weeks of 1-minute samples with a daily swing and Student-t noise (three degrees of freedom, as
     * the operations corpus's heavy-tailed series), no incident: lone outliers as large as an incident
     * break the raw record every day or two. Before the records were calibrated by their confident rate,
     * the default paged on 17 of them (now 10) after the first day; a page is a run of confident scores, runs less
     * than ten minutes apart merged.
     */
    @Test
    void pagesLessOftenOnHeavyTailedNoiseOnceItsRecordsProveOftenConfident() {
        int pages = pages(new SplittableRandom(3), true, -1);
        assertThat(pages).isLessThanOrEqualTo(13);
    }

    /** The same swing with Gaussian noise and one spike of eight noise scales on day ten: still paged. */
    @Test
    void stillPagesOnASpikeInGaussianNoise() {
        assertThat(pages(new SplittableRandom(4), false, 10 * 1440 + 300)).isGreaterThanOrEqualTo(1);
        Detector d = factory().create(SERIES, DetectorSettings.defaults());
        SplittableRandom random = new SplittableRandom(4);
        double spike = 0;
        for (int i = 0; i < 11 * 1440; i++) {
            double v = value(random, i, false) + (i == 10 * 1440 + 300 ? 8 * 5 : 0);
            double s = d.update(new Sample(SERIES, 1_700_000_000_000L + i * 60_000L, v))
                    .value();
            spike = i == 10 * 1440 + 300 ? s : spike;
        }
        assertThat(spike).isGreaterThanOrEqualTo(0.95);
    }

    private static DetectorFactory factory() {
        return new DefaultEnsembleProvider().create(ProviderContext.builder().build());
    }

    private static double value(SplittableRandom r, int i, boolean heavy) {
        double e = r.nextGaussian() * 5;
        if (heavy) {
            double a = r.nextGaussian();
            double b = r.nextGaussian();
            double c = r.nextGaussian();
            e /= Math.sqrt(Math.max(0.05, (a * a + b * b + c * c) / 3));
        }
        return 100 + 30 * Math.sin(2 * Math.PI * i / 1440.0) + e;
    }

    private static int pages(SplittableRandom r, boolean heavy, int spikeAt) {
        Detector d = factory().create(SERIES, DetectorSettings.defaults());
        int pages = 0;
        int last = Integer.MIN_VALUE;
        for (int i = 0; i < 14 * 1440; i++) {
            double v = value(r, i, heavy) + (i == spikeAt ? 8 * 5 : 0);
            double s = d.update(new Sample(SERIES, 1_700_000_000_000L + i * 60_000L, v))
                    .value();
            if (i >= 1440 && s >= 0.95) {
                pages += i - last >= 10 ? 1 : 0;
                last = i;
            }
        }
        return pages;
    }
}
