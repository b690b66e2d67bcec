package io.smartcloudops.bench.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.smartcloudops.api.metric.Sample;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ThresholdClaimsTest {

    @Test
    void fiveMinutesOfFiveSecondSamplesOfEachKind() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (ThresholdClaims.Kind kind : ThresholdClaims.Kind.values()) {
            List<Sample> h = ThresholdClaims.draw(kind, rnd).history();
            assertThat(h).hasSize(60);
            assertThat(h.get(59).timestampMillis() - h.get(0).timestampMillis()).isEqualTo(59 * 5_000L);
        }
        List<Sample> flat = ThresholdClaims.draw(ThresholdClaims.Kind.FLAT, rnd).history();
        assertThat(flat).extracting(Sample::value).containsOnly(flat.get(0).value());
    }

    @Test
    void aFillingDiskRisesTwentyFourPercentADayAndCrosses() {
        ThresholdClaims.Case c = ThresholdClaims.draw(ThresholdClaims.Kind.FILLING, new SplittableRandom(3));
        double rise = c.history().get(59).value() - c.history().get(0).value();

        // 24% a day over 59 steps of 5 s, give or take the reading noise (sd <= 0.05) at both ends
        assertThat(rise).isCloseTo(24.0 * 59 * 5 / 86_400, within(0.3));
        assertThat(c.crosses()).isTrue();
    }

    @Test
    void ratesCountClaimsAgainstWhatReallyHappens() {
        Map<ThresholdClaims.Kind, ThresholdClaims.Outcome> always = new ThresholdClaims(50, 7).run(h -> true);
        Map<ThresholdClaims.Kind, ThresholdClaims.Outcome> never = new ThresholdClaims(50, 7).run(h -> false);

        assertThat(always.get(ThresholdClaims.Kind.FLAT).falseClaimRate()).isEqualTo(1.0);
        assertThat(always.get(ThresholdClaims.Kind.FILLING).hitRate()).isEqualTo(1.0);
        assertThat(never.get(ThresholdClaims.Kind.NOISY).falseClaimRate()).isZero();
        assertThat(never.get(ThresholdClaims.Kind.FILLING).hitRate()).isZero();
        assertThat(always.get(ThresholdClaims.Kind.FLAT).crossing()).isZero();
        assertThat(always.get(ThresholdClaims.Kind.FILLING).crossing()).isEqualTo(50);
    }
}
