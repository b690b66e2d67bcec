package io.smartcloudops.detect.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.smartcloudops.api.detect.Detector;
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

class RecordOvershootsTest {
    private static final SeriesId SERIES = SeriesId.of("record_overshoots");
    private static final double Q = 4.5;
    private static final double W = RangeNovelty.OVERSHOOT_WEIGHT;
    private static final double BARE = 3.0;

    /** The fixed-slope surprisal of a record overshooting by {@code r} of the range. */
    private static double fixed(double r) {
        return BARE * (1 + W * r);
    }

    @Test
    void judgesAFirstRecordAsTheFixedSlopeDoes() {
        RecordOvershoots o = new RecordOvershoots();
        assertThat(o.surprisal(fixed(0.2), BARE, W, true, Q)).isCloseTo(fixed(0.2), within(1e-12));
        assertThat(o.surprisal(0.0, BARE, W, true, Q)).isZero();
    }

    @Test
    void judgesAnOvershootGentlyOnceTheSeriesRecordsOftenOvershootThatFar() {
        RecordOvershoots o = new RecordOvershoots();
        assertThat(fixed(0.15)).isGreaterThan(Q);
        // records of the noise that overshoot by a twentieth of the range, below the confident level each
        for (int i = 0; i < 300; i++) {
            assertThat(o.surprisal(fixed(0.05), BARE, W, true, Q)).isLessThan(Q);
        }
        double after = o.surprisal(fixed(0.15), BARE, W, true, Q);
        // the series' records go a third as far as a matter of course: a bare record's surprisal and a part
        assertThat(after).isLessThan(Q).isGreaterThan(BARE);
        // a drop is judged against the low side's overshoots, of which there were none
        assertThat(o.surprisal(fixed(0.15), BARE, W, false, Q)).isCloseTo(fixed(0.15), within(1e-12));
    }

    @Test
    void neverJudgesARecordMoreSurprisingThanTheFixedSlope() {
        RecordOvershoots o = new RecordOvershoots();
        for (int i = 0; i < 100; i++) {
            o.surprisal(fixed(0.0001), BARE, W, true, Q);
        }
        assertThat(o.surprisal(fixed(0.5), BARE, W, true, Q)).isCloseTo(fixed(0.5), within(1e-9));
    }

    @Test
    void anAlarmTeachesNothingAboutTheNoisesTail() {
        RecordOvershoots o = new RecordOvershoots();
        // an overshoot that reaches the confident level, however often: the next record is judged as a first one
        for (int i = 0; i < 50; i++) {
            assertThat(o.surprisal(fixed(0.2), BARE, W, true, Q)).isGreaterThan(Q);
        }
        assertThat(o.surprisal(fixed(0.3), BARE, W, true, Q)).isCloseTo(fixed(0.3), within(1e-12));
    }

    @Test
    void aRestoredStateCarriesOnExactly() throws IOException {
        RecordOvershoots o = new RecordOvershoots();
        for (int i = 0; i < 9; i++) {
            o.surprisal(fixed(0.05 * i), BARE, W, i % 3 != 0, Q);
        }
        byte[] bytes = write(o);
        assertThat(bytes).hasSize(24);
        RecordOvershoots back = RecordOvershoots.readFrom(new DataInputStream(new ByteArrayInputStream(bytes)));
        assertThat(back.surprisal(fixed(0.4), BARE, W, true, Q)).isEqualTo(o.surprisal(fixed(0.4), BARE, W, true, Q));
        assertThat(back.surprisal(fixed(0.4), BARE, W, false, Q)).isEqualTo(o.surprisal(fixed(0.4), BARE, W, false, Q));
    }

    @Test
    void rejectsANegativeMeanOrCount() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeDouble(-1.0);
            out.writeInt(3);
            out.writeDouble(0.1);
            out.writeInt(2);
        }
        assertThatThrownBy(() ->
                        RecordOvershoots.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("record overshoots");
    }

    private static byte[] write(RecordOvershoots o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            o.writeTo(out);
        }
        return bytes.toByteArray();
    }

    /**
     * Two weeks of a 1-minute count (Poisson, six a minute on average, swinging by 40% over the day), no
     * incident, eight seeds: its new maxima are a whole unit or two past a range of a dozen. Before the raw
     * record judged a count's overshoot against its own records' it paged on 36 of them after the first day
     * (now 14); a page is a run of confident scores, runs less than ten minutes apart merged.
     */
    @Test
    void aCountWithNoIncidentRarelyPagesOnANewMaximum() {
        int pages = 0;
        for (int seed = 1; seed <= 8; seed++) {
            pages += DailyCounts.pagesAfterFirstDay(detector(), SERIES, new SplittableRandom(seed), 6, "new extreme");
        }
        assertThat(pages).isLessThanOrEqualTo(22);
    }

    /** The same count with a spike of twenty on day ten: still a confident alarm on every seed. */
    @Test
    void aRealSpikeOnACountStillPages() {
        int spikeAt = 10 * 1440 + 300;
        for (int seed = 1; seed <= 8; seed++) {
            Detector d = detector();
            SplittableRandom r = new SplittableRandom(seed);
            double spike = 0;
            for (int i = 0; i <= spikeAt; i++) {
                double v = DailyCounts.poisson(r, i, 6) + (i == spikeAt ? 20 : 0);
                spike = d.update(new Sample(SERIES, DailyCounts.START + i * 60_000L, v))
                        .value();
            }
            assertThat(spike).as("seed %d", seed).isGreaterThanOrEqualTo(0.95);
        }
    }

    private static Detector detector() {
        return new DefaultEnsembleProvider()
                .create(ProviderContext.builder().build())
                .create(SERIES, DetectorSettings.defaults());
    }
}
