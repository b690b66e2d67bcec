package io.smartcloudops.detect.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.smartcloudops.api.detect.Detector;
import io.smartcloudops.api.detect.DetectorSettings;
import io.smartcloudops.api.detect.Direction;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.api.spi.ProviderContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RunDeviationTest {
    private static final SeriesId SERIES = SeriesId.of("run_deviation");

    @Test
    void theSmallerOfTwoDeviationsOnOneSideAgainstTheEarlierForecast() {
        RunDeviation p = new RunDeviation(2);
        assertThat(p.raw(10, Double.NaN, 1, Direction.BOTH)).isZero(); // no forecast yet
        assertThat(p.raw(10, 10, 2, Direction.BOTH)).isZero(); // nothing before it
        assertThat(p.raw(30, 10, 2, Direction.BOTH)).isZero(); // 30 against 10 / 2: a first deviation of 10
        // 26 is 8 scales above the forecast before 30 (10, scale 2), not above the one before itself (15, scale 5)
        assertThat(p.raw(26, 15, 5, Direction.BOTH)).isEqualTo(8.0);
        // back below: opposite sides
        assertThat(p.raw(0, 20, 5, Direction.BOTH)).isZero();
        assertThat(p.raw(-10, 10, 2, Direction.BOTH)).isEqualTo(4.0); // 0 and -10 both below 20 by 4 and 6 scales of 5
    }

    @Test
    void aRunOfFiveIsTheSmallestOfFiveDeviationsAgainstTheForecastBeforeTheFirst() {
        RunDeviation r = new RunDeviation(5);
        assertThat(r.raw(10, 10, 1, Direction.BOTH)).isZero();
        for (double v : new double[] {16, 14, 19}) {
            assertThat(r.raw(v, 12, 3, Direction.BOTH)).isZero(); // fewer than five values in the run so far
        }
        // 10, 16, 14, 19, 15 against the forecast before 10 (10, scale 1): 10 itself deviates 0, so no run
        assertThat(r.raw(15, 12, 3, Direction.BOTH)).isZero();
        // 16, 14, 19, 15, 13 against 12 / 3 (the forecast before 16): the smallest, 13, is a third of a scale above
        assertThat(r.raw(13, 12, 3, Direction.BOTH)).isCloseTo(1.0 / 3, within(1e-12));
        // one value below breaks the run
        assertThat(r.raw(11, 12, 3, Direction.BOTH)).isZero();
    }

    @Test
    void onlyTheSideThatCountsSpeaks() {
        RunDeviation p = new RunDeviation(2);
        p.raw(30, 10, 2, Direction.DOWN);
        assertThat(p.raw(30, 10, 2, Direction.DOWN)).isZero();
        p.raw(-10, 10, 2, Direction.DOWN);
        assertThat(p.raw(-10, 10, 2, Direction.DOWN)).isEqualTo(10.0);
    }

    @Test
    void restoredCarriesOnFromTheSameReference() throws IOException {
        RunDeviation p = new RunDeviation(2);
        p.raw(30, 10, 2, Direction.BOTH);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            p.writeTo(out);
        }
        RunDeviation back = RunDeviation.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(back.raw(26, 15, 5, Direction.BOTH)).isEqualTo(p.raw(26, 15, 5, Direction.BOTH));
    }

    @Test
    void aStateThatClaimsANegativeCountIsRefused() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(2);
            out.writeLong(-3);
            for (int i = 0; i < 6; i++) {
                out.writeDouble(1.0);
            }
        }
        assertThatThrownBy(
                        () -> RunDeviation.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("-3");
    }

    /**
     * Ten days of a gauge a minute with heavy-tailed noise (Student's t, three degrees of freedom: single outliers
     * of eight scales are common), and from the third day a spike of two samples a day, at a different hour each day: each two-sample
     * spike is paged (a confident score in the five samples from its start), where the ensemble without the member
     * missed some (six of eight paged).
     */
    @Test
    void twoSampleSpikesOnHeavyTailedNoiseArePagedEachTime() {
        int withMember = pagedSpikes(Map.of());
        int without = pagedSpikes(Map.of("weight_run", 0));
        assertThat(withMember).isEqualTo(SPIKES);
        // without the member (as before it existed) two of the eight went unpaged
        assertThat(without).isLessThan(SPIKES);
    }

    private static final int SPIKES = 8;
    private static final int DOF = 3;

    private static int pagedSpikes(Map<String, Object> config) {
        return pagedIncidents(config, 24, 2, 5);
    }

    /** Incidents of {@code size} lasting {@code length} samples once a day from the third; paged within {@code within}. */
    private static int pagedIncidents(Map<String, Object> config, double size, int length, int within) {
        Detector d = new DefaultEnsembleProvider()
                .create(ProviderContext.builder()
                        .config(ProviderConfig.of("detectors.default", config))
                        .build())
                .create(SERIES, DetectorSettings.defaults());
        SplittableRandom r = new SplittableRandom(14);
        double confident =
                EnsembleDetector.toScore(EnsembleParameters.defaults().quietSurprisal());
        int paged = 0;
        int spikes = 0;
        boolean pagedThis = false;
        for (int i = 0; i < 10 * 1440; i++) {
            double chi = 0;
            for (int k = 0; k < DOF; k++) {
                double g = r.nextGaussian();
                chi += g * g;
            }
            double v = 100 + 2 * r.nextGaussian() / Math.sqrt(Math.max(0.05, chi / DOF));
            int phase = (i + 137 * (i / 1440)) % 1440;
            boolean spike = i >= 2 * 1440 && phase < length && spikes < SPIKES;
            if (spike) {
                v += size;
            }
            double s = d.update(new Sample(SERIES, 1_700_000_000_000L + i * 60_000L, v))
                    .value();
            pagedThis |= i >= 2 * 1440 && phase < within && s >= confident;
            if (i >= 2 * 1440 && phase == Math.max(length, within) - 1 && spikes < SPIKES) {
                spikes++;
                paged += pagedThis ? 1 : 0;
                pagedThis = false;
            }
        }
        return paged;
    }
}
