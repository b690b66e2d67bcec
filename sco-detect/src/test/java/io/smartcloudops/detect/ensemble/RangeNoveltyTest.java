package io.smartcloudops.detect.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.smartcloudops.api.detect.Direction;
import org.junit.jupiter.api.Test;

class RangeNoveltyTest {
    private static final double MEMORY = 12_000;

    /** Swings between 0 and 1 for 300 samples, then sits at 0.5 for half the memory: the old extreme is far behind. */
    private static void halfTheMemory(RangeNovelty r, boolean filling) {
        for (int i = 0; i < 300; i++) {
            r.surprisal(i % 2, Direction.BOTH, filling);
        }
        for (int i = 0; i < MEMORY / 2; i++) {
            r.surprisal(0.5, Direction.BOTH, filling);
        }
    }

    @Test
    void aFillingRangeStillHoldsTheExtremeItSawHalfAMemoryAgo() {
        RangeNovelty filling = new RangeNovelty(MEMORY);
        RangeNovelty forgetting = new RangeNovelty(MEMORY);
        halfTheMemory(filling, true);
        halfTheMemory(forgetting, false);
        // 0.9 is below the 1.0 seen 6,000 samples ago: a record only to a range that has shrunk since
        assertThat(filling.surprisal(0.9, Direction.BOTH, true)).isZero();
        assertThat(forgetting.surprisal(0.9, Direction.BOTH, false)).isGreaterThan(Math.log10(6000));
    }

    @Test
    void aFillingRangeForgetsAtTheFullRateOnceItsMemoryIsFull() {
        RangeNovelty filling = new RangeNovelty(1000);
        RangeNovelty forgetting = new RangeNovelty(1000);
        for (RangeNovelty r : new RangeNovelty[] {filling, forgetting}) {
            for (int i = 0; i < 300; i++) {
                r.surprisal(i % 2, Direction.BOTH, r == filling);
            }
        }
        // from the thousandth sample on it contracts at the full rate: twenty memories later the old extremes are gone
        for (int i = 0; i < 20_000; i++) {
            filling.surprisal(0.5, Direction.BOTH, true);
            forgetting.surprisal(0.5, Direction.BOTH, false);
        }
        assertThat(filling.surprisal(0.52, Direction.BOTH, true)).isPositive();
        assertThat(forgetting.surprisal(0.52, Direction.BOTH, false)).isPositive();
    }

    @Test
    void aRecordBeyondASettledMemoryIsJudgedAtTheOddsAForgettingRangeIsBrokenWith() {
        RangeNovelty settled = new RangeNovelty(1000);
        RangeNovelty plain = new RangeNovelty(1000);
        for (int i = 0; i < 5000; i++) {
            settled.surprisal(i % 2, Direction.BOTH, true, true);
            plain.surprisal(i % 2, Direction.BOTH, true, false);
        }
        // the same record, just past the range both hold: one in 1,000 to the plain range, one in 1,000 / ln 1,000
        // settled
        double atSettledOdds = settled.surprisal(1.001, Direction.BOTH, true, true);
        double atMemoryOdds = plain.surprisal(1.001, Direction.BOTH, true, false);
        assertThat(atMemoryOdds).isGreaterThan(3);
        assertThat(atSettledOdds / atMemoryOdds).isCloseTo(Math.log10(1000 / Math.log(1000)) / 3, within(1e-9));
    }

    /** A count between 0 and 17 for 300 samples, then at 8 for a fiftieth of the memory: the range contracts below 17, by less than one unit. */
    private static void aCountThatSettles(RangeNovelty r, boolean whole) {
        for (int i = 0; i < 300; i++) {
            r.surprisal(i % 2 == 0 ? 0 : 17, whole ? 0 : Double.NaN, Direction.BOTH, false, false);
        }
        for (int i = 0; i < MEMORY / 50; i++) {
            r.surprisal(8, whole ? 0 : Double.NaN, Direction.BOTH, false, false);
        }
    }

    @Test
    void aWholeNumberEqualToAnExtremeSeenBeforeIsATieNotARecord() {
        RangeNovelty count = new RangeNovelty(MEMORY);
        RangeNovelty real = new RangeNovelty(MEMORY);
        aCountThatSettles(count, true);
        aCountThatSettles(real, false);
        // 17 again: the contracted range (just below 17) stands for an extreme of at least 17, so a count of 17 ties it
        assertThat(count.surprisal(17, 0, Direction.BOTH, false, false)).isZero();
        assertThat(real.surprisal(17, Double.NaN, Direction.BOTH, false, false)).isPositive();
    }

    @Test
    void aWholeNumberPastTheExtremeItsRangeStandsForIsARecordAsBefore() {
        RangeNovelty count = new RangeNovelty(MEMORY);
        RangeNovelty real = new RangeNovelty(MEMORY);
        aCountThatSettles(count, true);
        aCountThatSettles(real, false);
        // 18 and -1 pass the whole-number extremes (17 and 0): judged, overshoot and all, as any other record
        assertThat(count.surprisal(18, 0, Direction.BOTH, false, false))
                .isPositive()
                .isEqualTo(real.surprisal(18, Double.NaN, Direction.BOTH, false, false));
    }

    @Test
    void theWholeNumberEnvelopeIsTakenInTheOriginalUnits() {
        RangeNovelty shifted = new RangeNovelty(MEMORY);
        // judged values sit 0.5 below the original counts (a daily profile took half a unit out)
        for (int i = 0; i < 300; i++) {
            shifted.surprisal(i % 2 == 0 ? -0.5 : 16.5, 0.5, Direction.BOTH, false, false);
        }
        for (int i = 0; i < MEMORY / 50; i++) {
            shifted.surprisal(7.5, 0.5, Direction.BOTH, false, false);
        }
        assertThat(shifted.surprisal(16.5, 0.5, Direction.BOTH, false, false)).isZero();
        assertThat(shifted.surprisal(17.5, 0.5, Direction.BOTH, false, false)).isPositive();
    }

    /** A record's surprisal is its bare record's, log10 of the odds among the samples seen, times its overshoot. */
    @Test
    void aRecordCarriesItsBareRecordsSurprisalTimesItsOvershoot() {
        RangeNovelty r = new RangeNovelty(12_000);
        for (int i = 0; i < 1000; i++) {
            r.surprisal(i % 2, Direction.BOTH);
        }
        double s = r.surprisal(1.5, Direction.BOTH);
        assertThat(r.bareRecord(false, false)).isCloseTo(Math.log10(1000), within(1e-12));
        assertThat(s).isGreaterThan(r.bareRecord(false, false) * 2);
    }
}
