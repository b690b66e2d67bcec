package io.smartcloudops.detect.ensemble;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.detect.Detector;
import io.smartcloudops.api.detect.DetectorSettings;
import io.smartcloudops.api.detect.Score;
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

class WholeExtremesTest {
    private static final SeriesId SERIES = SeriesId.of("whole_extremes");

    @Test
    void aValueEqualToTheLowestOrHighestSeenIsATieAndAnUnseenOneIsNot() {
        WholeExtremes w = new WholeExtremes();
        assertThat(w.tie(5)).isFalse();
        assertThat(w.tie(5)).isTrue();
        assertThat(w.tie(3)).isFalse();
        assertThat(w.tie(9)).isFalse();
        assertThat(w.tie(4)).isFalse();
        assertThat(w.tie(3)).isTrue();
        assertThat(w.tie(9)).isTrue();
        assertThat(w.tie(2)).isFalse();
        assertThat(w.tie(3)).isFalse();
    }

    @Test
    void aRestoredFloorAndCeilingCarryOn() throws IOException {
        WholeExtremes w = new WholeExtremes();
        w.tie(0);
        w.tie(17);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            w.writeTo(out);
        }
        WholeExtremes back = WholeExtremes.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(back.tie(0)).isTrue();
        assertThat(back.tie(17)).isTrue();
        assertThat(back.tie(18)).isFalse();
    }

    /**
     * Two weeks of a low count a minute with a daily swing, no incident: the count sits at 0 every night
     * and judged against the busy hours' profile a 0 broke the raw record's contracted range. Paged by the
     * raw record (runs less than ten minutes apart merged) after the first day: 7 before the floor was a
     * tie, 3 now (counts higher than any seen).
     */
    @Test
    void aCountBackAtItsFloorIsNotANewExtreme() {
        Detector d = new DefaultEnsembleProvider()
                .create(ProviderContext.builder().build())
                .create(SERIES, DetectorSettings.defaults());
        SplittableRandom r = new SplittableRandom(8);
        int pages = 0;
        int last = Integer.MIN_VALUE;
        for (int i = 0; i < 14 * 1440; i++) {
            double mean = 6 + 5 * Math.sin(2 * Math.PI * i / 1440.0);
            double v = Math.max(0, Math.round(mean + r.nextGaussian() * Math.sqrt(Math.max(mean, 1))));
            Score s = d.update(new Sample(SERIES, 1_700_000_000_000L + i * 60_000L, v));
            if (i >= 1440 && s.value() >= 0.95 && s.component().equals("new extreme")) {
                pages += i - last >= 10 ? 1 : 0;
                last = i;
            }
        }
        assertThat(pages).isLessThanOrEqualTo(4);
    }
}
