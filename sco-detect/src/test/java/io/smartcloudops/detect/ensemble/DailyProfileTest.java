package io.smartcloudops.detect.ensemble;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class DailyProfileTest {
    private static final long START = 1_704_067_200_000L;
    private static final long MINUTE = 60_000L;
    /** The seasonal member's default longest season, in samples. */
    private static final int SEASON_COVERS = 320;

    /** A daily sine of amplitude 30 around 100, with Gaussian noise of sd 3, at sample {@code i} spaced {@code step} apart. */
    private static double daily(long time, SplittableRandom r) {
        return 100
                + 30 * Math.sin(2 * Math.PI * Math.floorMod(time, DailyProfile.DAY_MILLIS) / DailyProfile.DAY_MILLIS)
                + 3 * r.nextGaussian();
    }

    @Test
    void takesTheDailySwingOutOfMinuteSamplesOnceASecondDayShowsItRepeats() {
        DailyProfile p = new DailyProfile(SEASON_COVERS);
        SplittableRandom r = new SplittableRandom(1);
        double worstLate = 0;
        for (int i = 0; i < 4 * 1440; i++) {
            long t = START + i * MINUTE;
            double adjusted = p.adjust(t, daily(t, r));
            if (i < 1440) {
                assertThat(p.evident()).as("sample %d", i).isFalse();
            }
            if (i >= 3 * 1440) {
                worstLate = Math.max(worstLate, Math.abs(adjusted - 100));
            }
        }
        assertThat(p.dayBeyondSeason()).isTrue();
        assertThat(p.evident()).isTrue();
        // the raw series swings 30 either side; with the swing out only the noise (sd 3) and a little error remain
        assertThat(worstLate).isLessThan(18);
    }

    @Test
    void leavesADayOfFewerSamplesThanTheSeasonalMembersLongestSeasonAlone() {
        DailyProfile p = new DailyProfile(SEASON_COVERS);
        SplittableRandom r = new SplittableRandom(2);
        // five-minute samples: 288 a day, a season the seasonal member fits itself
        for (int i = 0; i < 6 * 288; i++) {
            long t = START + i * 5 * MINUTE;
            double x = daily(t, r);
            assertThat(p.adjust(t, x)).isEqualTo(x);
        }
        assertThat(p.dayBeyondSeason()).isFalse();
        assertThat(p.evident()).isFalse();
    }

    @Test
    void staysUnusedOnASeriesWithoutADailyRhythm() {
        DailyProfile p = new DailyProfile(SEASON_COVERS);
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 5 * 1440; i++) {
            double x = 100 + 3 * r.nextGaussian();
            assertThat(p.adjust(START + i * MINUTE, x)).isEqualTo(x);
        }
        assertThat(p.dayBeyondSeason()).isTrue();
        assertThat(p.evident()).isFalse();
    }

    @Test
    void countsTheSpacingWithoutTheGapsWhereNoSampleArrived() {
        DailyProfile p = new DailyProfile(SEASON_COVERS);
        SplittableRandom r = new SplittableRandom(4);
        long t = START;
        for (int i = 0; i < 3 * 1440; i++) {
            // every 100 samples the source is unreachable for six hours
            t += i % 100 == 0 ? 6 * 60 * MINUTE : MINUTE;
            p.adjust(t, daily(t, r));
        }
        assertThat(p.dayBeyondSeason()).isTrue();
        assertThat(p.samplesPerDay()).isCloseTo(1440, Offset.offset(30.0));
    }

    @Test
    void aRestoredProfileCarriesOnExactlyAsTheOriginal() throws IOException {
        DailyProfile p = new DailyProfile(SEASON_COVERS);
        SplittableRandom r = new SplittableRandom(5);
        int i = 0;
        for (; i < 3 * 1440; i++) {
            long t = START + i * MINUTE;
            p.adjust(t, daily(t, r));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            p.writeTo(out);
        }
        DailyProfile restored =
                DailyProfile.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(restored.evident()).isEqualTo(p.evident());
        for (; i < 4 * 1440; i++) {
            long t = START + i * MINUTE;
            double x = daily(t, r);
            assertThat(restored.adjust(t, x)).isEqualTo(p.adjust(t, x));
        }
    }
}
