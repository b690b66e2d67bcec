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

class SustainedLevelsTest {
    private static final SeriesId SERIES = SeriesId.of("sustained_levels");

    @Test
    void aLevelIsWithinOnlyTheRangeOfSlowLevelsLearnt() {
        SustainedLevels s = new SustainedLevels();
        assertThat(s.within(0)).isFalse();
        s.learn(10);
        assertThat(s.within(10)).isTrue();
        assertThat(s.within(9.9)).isFalse();
        s.learn(4);
        assertThat(s.within(7)).isTrue();
        assertThat(s.within(10.1)).isFalse();
    }

    @Test
    void restoredLevelsCarryOn() throws IOException {
        SustainedLevels s = new SustainedLevels();
        s.learn(3);
        s.learn(8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            s.writeTo(out);
        }
        SustainedLevels back =
                SustainedLevels.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(back.within(5)).isTrue();
        assertThat(back.within(8.5)).isFalse();
    }

    /** A NaN level (a detector fed NaN directly) leaves the levels as they were, so their snapshot still reads. */
    @Test
    void aLevelThatIsNotANumberIsNotLearntAndTheLevelsStillRestore() throws IOException {
        SustainedLevels s = new SustainedLevels();
        s.learn(3);
        s.learn(Double.NaN);
        s.learn(8);
        assertThat(s.within(5)).isTrue();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            s.writeTo(out);
        }
        SustainedLevels back =
                SustainedLevels.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(back.within(5)).isTrue();
        assertThat(back.within(8.5)).isFalse();
    }

    /**
     * Fifteen days of a gauge a minute, with an outage (the value at 2% for forty minutes) every weekday
     * afternoon from the second week on: brief, an outage moves the slow level only a part of the way,
     * so a repeat is not a level the series sustained, and each one is still paged.
     */
    @Test
    void repeatedBriefOutagesAreStillPagedEachTime() {
        Detector d = new DefaultEnsembleProvider()
                .create(ProviderContext.builder().build())
                .create(SERIES, DetectorSettings.defaults());
        SplittableRandom r = new SplittableRandom(15);
        int outagesFound = 0;
        int outages = 0;
        boolean found = false;
        for (int i = 0; i < 15 * 1440; i++) {
            int day = i / 1440;
            int minute = i % 1440;
            boolean outage = day >= 7 && day % 7 < 5 && minute >= 900 && minute < 940;
            double base = 200 * (1 + 0.1 * Math.sin(2 * Math.PI * minute / 1440.0));
            double v = outage ? base * 0.02 + r.nextGaussian() : base + r.nextGaussian() * 6;
            Score s = d.update(new Sample(SERIES, 1_700_000_000_000L + i * 60_000L, v));
            if (outage && minute == 900) {
                outages++;
                found = false;
            }
            if (outage && !found && s.value() >= 0.95) {
                found = true;
                outagesFound++;
            }
        }
        assertThat(outages).isEqualTo(6);
        assertThat(outagesFound).isEqualTo(outages);
    }
}
