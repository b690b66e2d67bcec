package io.smartcloudops.detect.likelihood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import io.smartcloudops.detect.share.SharedParameters;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AnomalyLikelihoodTest {

    @Test
    void surprisalIsRoughlyCalibratedOnGaussianNoise() {
        AnomalyLikelihood l = new AnomalyLikelihood(0.98, 2000, 100);
        SplittableRandom r = new SplittableRandom(1);
        int n = 200_000;
        int rare = 0;
        for (int i = 0; i < n; i++) {
            if (l.surprisal(Math.abs(r.nextGaussian())) >= 3.0) {
                rare++;
            }
        }
        // one in a thousand, within a factor of three either way
        assertThat(rare / (double) n).isBetween(0.00033, 0.003);
    }

    @Test
    void rawAtInvertsTheSurprisalAboveTheThreshold() {
        AnomalyLikelihood l = new AnomalyLikelihood(0.98, 2000, 100);
        assertThat(l.rawAt(4.5)).as("nothing fitted yet").isInfinite();
        SplittableRandom r = new SplittableRandom(4);
        for (int i = 0; i < 20_000; i++) {
            l.surprisal(Math.abs(r.nextGaussian() / Math.sqrt(0.2 + r.nextDouble())));
        }
        for (double s : new double[] {2.5, 4.5, 9.0}) {
            double raw = l.rawAt(s);
            assertThat(raw).isFinite();
            assertThat(l.peek(raw)).isCloseTo(s, offset(1e-9));
        }
        assertThat(l.rawAt(9.0)).isGreaterThan(l.rawAt(4.5));
    }

    @Test
    void anOutlierFarBeyondTheTailIsVerySurprising() {
        AnomalyLikelihood l = new AnomalyLikelihood(0.98, 2000, 100);
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < 5000; i++) {
            l.surprisal(Math.abs(r.nextGaussian()));
        }
        assertThat(l.surprisal(20)).isGreaterThan(10);
        assertThat(l.surprisal(0.1)).isLessThan(1);
    }

    @Test
    void quietUntilWarmedUpAndSurvivesAHugeEarlyValue() {
        AnomalyLikelihood l = new AnomalyLikelihood(0.98, 2000, 100);
        assertThat(l.surprisal(1e12)).isZero();
        SplittableRandom r = new SplittableRandom(3);
        double late = 0;
        for (int i = 0; i < 3000; i++) {
            late = l.surprisal(Math.abs(r.nextGaussian()));
        }
        assertThat(l.surprisal(15)).isGreaterThan(5);
        assertThat(late).isLessThan(AnomalyLikelihood.MAX_SURPRISAL);
    }

    @Test
    void roundTripsThroughItsState() throws Exception {
        AnomalyLikelihood a = new AnomalyLikelihood(0.98, 500, 50);
        SplittableRandom r = new SplittableRandom(4);
        for (int i = 0; i < 700; i++) {
            a.surprisal(Math.abs(r.nextGaussian()));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        a.writeTo(new DataOutputStream(bytes));
        AnomalyLikelihood b =
                AnomalyLikelihood.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        for (int i = 0; i < 100; i++) {
            double x = Math.abs(r.nextGaussian()) * 2;
            assertThat(b.surprisal(x)).isEqualTo(a.surprisal(x));
        }
    }

    @Test
    void roundTripsWhileStillGatheringItsFirstValues() throws Exception {
        AnomalyLikelihood a = new AnomalyLikelihood(0.98, 500, 50);
        SplittableRandom r = new SplittableRandom(6);
        for (int i = 0; i < 9; i++) {
            a.surprisal(Math.abs(r.nextGaussian()));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        a.writeTo(new DataOutputStream(bytes));
        AnomalyLikelihood b =
                AnomalyLikelihood.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        for (int i = 0; i < 300; i++) {
            double x = Math.abs(r.nextGaussian()) * (i == 250 ? 8 : 1);
            assertThat(b.surprisal(x)).isEqualTo(a.surprisal(x));
        }
    }

    @Test
    void aResetCalibratorGathersItsFirstValuesAgainAndScoresAsAFreshOne() {
        AnomalyLikelihood used = new AnomalyLikelihood(0.98, 500, 50);
        SplittableRandom r = new SplittableRandom(8);
        for (int i = 0; i < 400; i++) {
            used.surprisal(Math.abs(r.nextGaussian()) * 3);
        }
        used.reset();
        AnomalyLikelihood fresh = new AnomalyLikelihood(0.98, 500, 50);
        for (int i = 0; i < 300; i++) {
            double x = Math.abs(r.nextGaussian()) * (i == 250 ? 8 : 1);
            assertThat(used.surprisal(x)).isEqualTo(fresh.surprisal(x));
        }
    }

    @Test
    void calibratorsRestoredThroughOneSharedParametersHoldOneParametersInstance() throws Exception {
        AnomalyLikelihood a = new AnomalyLikelihood(0.98, 500, 50);
        AnomalyLikelihood other = new AnomalyLikelihood(0.99, 500, 50);
        SharedParameters shared = new SharedParameters();
        AnomalyLikelihood first = AnomalyLikelihood.readFrom(input(a), shared);
        AnomalyLikelihood second = AnomalyLikelihood.readFrom(input(a), shared);
        AnomalyLikelihood third = AnomalyLikelihood.readFrom(input(other), shared);
        assertThat(second.parameters()).isSameAs(first.parameters()).isEqualTo(a.parameters());
        assertThat(third.parameters()).isNotEqualTo(first.parameters());
    }

    @Test
    void parametersWhoseFactorsDoNotFollowFromTheQuantileAreRefused() {
        LikelihoodParameters p = LikelihoodParameters.of(0.98, 500, 50);
        assertThatThrownBy(() -> new LikelihoodParameters(0.98, 500, 50, p.base(), p.stepDown(), p.stepDown()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LikelihoodParameters.of");
        assertThatThrownBy(() -> LikelihoodParameters.of(0.4, 500, 50)).isInstanceOf(IllegalArgumentException.class);
    }

    private static DataInputStream input(AnomalyLikelihood l) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        l.writeTo(new DataOutputStream(bytes));
        return new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
    }
}
