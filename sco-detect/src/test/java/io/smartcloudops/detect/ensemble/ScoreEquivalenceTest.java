package io.smartcloudops.detect.ensemble;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.detect.Detector;
import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.detect.DetectorSettings;
import io.smartcloudops.api.detect.Direction;
import io.smartcloudops.api.detect.Score;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.api.spi.ProviderContext;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Speed-ups of the default ensemble change no output (issue #14, "cost"). A golden fixture on purpose:
 * it guards equivalence with the build that recorded it, not correctness. Every figure of every score
 * (as {@link Double#doubleToLongBits}, with its member and reason) and the final snapshot's bytes of a
 * few NAB-like series generated from fixed seeds go into one SHA-256; the digest was recorded on main
 * before the speed-ups. A change that is meant to change scores or state must record a new digest and
 * say why in its commit; a speed-up must not.
 */
class ScoreEquivalenceTest {
    private static final SeriesId SERIES = SeriesId.of("equivalence_series");
    private static final long START = 1_700_000_000_000L;

    /**
     * Re-recorded deliberately when a count's raw record came to judge its overshoot against the series' own
     * records' (RecordOvershoots, state version 11: every snapshot is 24 bytes longer), on top of the deviating run
     * member (version 10; issue #14); re-recorded again when a count's fast level record came to judge its overshoot
     * the same way (state version 12: every snapshot another 24 bytes longer); a speed-up must reproduce it.
     */
    private static final String DIGEST = "5d09b50a2fade6a0b75e177ea4680a1c6ffa58f04f0d58816c6e56b88a024eda";

    private final DetectorFactory factory =
            new DefaultEnsembleProvider().create(ProviderContext.builder().build());

    @Test
    void scoresAndStateAreThoseRecordedBeforeTheSpeedUps() throws NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        replay(digest, dailyWithJump(4000), 300_000L, DetectorSettings.defaults());
        replay(digest, cpuWithSpikesAndGaps(4000), 300_000L, DetectorSettings.defaults());
        replay(digest, counts(4000), 300_000L, DetectorSettings.defaults().withDirection(Direction.UP));
        replay(
                digest,
                oneMinuteDaily(12_000),
                60_000L,
                DetectorSettings.defaults().withSeed(7));
        replay(
                digest,
                flatThenShift(3000),
                300_000L,
                DetectorSettings.defaults().withDirection(Direction.DOWN));
        assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(DIGEST);
    }

    /**
     * Replays {@code values} spaced {@code step} apart through a fresh detector and, from a snapshot taken
     * half way, through a restored one too (a restored forest starts without its caches).
     */
    private void replay(MessageDigest digest, double[] values, long step, DetectorSettings settings) {
        Detector d = factory.create(SERIES, settings);
        Detector restored = null;
        for (int i = 0; i < values.length; i++) {
            Sample s = new Sample(SERIES, START + i * step, values[i]);
            add(digest, d.update(s));
            if (restored != null) {
                add(digest, restored.update(s));
            }
            if (i == values.length / 2) {
                restored = factory.restore(d.snapshot());
            }
        }
        digest.update(d.snapshot().bytes());
        digest.update(restored.snapshot().bytes());
    }

    private static void add(MessageDigest digest, Score s) {
        ByteBuffer b = ByteBuffer.allocate(32);
        b.putLong(Double.doubleToLongBits(s.value()));
        b.putLong(Double.doubleToLongBits(s.expected()));
        b.putLong(Double.doubleToLongBits(s.lower()));
        b.putLong(Double.doubleToLongBits(s.upper()));
        digest.update(b.array());
        digest.update(String.valueOf(s.component()).getBytes(StandardCharsets.UTF_8));
        digest.update(String.valueOf(s.reason()).getBytes(StandardCharsets.UTF_8));
    }

    /** A daily cycle of 288 five-minute samples with noise and a lasting jump up, like art_daily_jumpsup. */
    static double[] dailyWithJump(int n) {
        SplittableRandom r = new SplittableRandom(1);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 40 + 20 * Math.sin(i * 2 * Math.PI / 288) + r.nextGaussian() * 2 + (i > 3000 && i < 3100 ? 30 : 0);
        }
        return v;
    }

    /** A wandering CPU level with spikes, a few missing values (NaN) and a stuck stretch. */
    static double[] cpuWithSpikesAndGaps(int n) {
        SplittableRandom r = new SplittableRandom(2);
        double[] v = new double[n];
        double level = 30;
        for (int i = 0; i < n; i++) {
            level = Math.max(1, Math.min(99, level + r.nextGaussian() * 0.3));
            double x = level + r.nextGaussian() * 1.5 + (r.nextInt(500) == 0 ? 40 : 0);
            v[i] = r.nextInt(400) == 0 ? Double.NaN : (i >= 2500 && i < 2600 ? 55.5 : x);
        }
        return v;
    }

    /** Bursty whole-number counts (tweet volumes): Poisson-like noise, bursts, an outage of zeros. */
    static double[] counts(int n) {
        SplittableRandom r = new SplittableRandom(3);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double mean = 20 + 10 * Math.sin(i * 2 * Math.PI / 288) + (r.nextInt(300) == 0 ? 200 : 0);
            v[i] = i >= 3200 && i < 3260 ? 0 : Math.max(0, Math.rint(mean + Math.sqrt(mean) * r.nextGaussian()));
        }
        return v;
    }

    /** One-minute samples with a daily swing beyond any fitted season, so the daily profile speaks. */
    static double[] oneMinuteDaily(int n) {
        SplittableRandom r = new SplittableRandom(4);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 500
                    + 150 * Math.sin(i * 2 * Math.PI / 1440)
                    + r.nextGaussian() * 20
                    + (i > 10_000 && i < 10_030 ? 200 : 0);
        }
        return v;
    }

    /** A flat series with tiny noise that drops to a lower level. */
    static double[] flatThenShift(int n) {
        SplittableRandom r = new SplittableRandom(5);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (i < 2000 ? 100 : 90) + r.nextGaussian() * 0.01;
        }
        return v;
    }
}
