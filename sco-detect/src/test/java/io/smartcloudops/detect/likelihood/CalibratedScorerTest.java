package io.smartcloudops.detect.likelihood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CalibratedScorerTest {

    @Test
    void shippedThresholdIsAConfidentAlarm() {
        assertThat(CalibratedScorer.toScore(4.5)).isCloseTo(0.95, within(1e-12));
        assertThat(CalibratedScorer.toScore(Math.log10(2_300))).isCloseTo(0.5, within(0.01));
        assertThat(CalibratedScorer.toScore(0)).isLessThan(1e-100);
    }

    @Test
    void aSingleMeasuresShippedThresholdIsTheDefaultsAlarmRate() {
        assertThat(CalibratedScorer.toRateScore(Math.log10(1_400))).isCloseTo(0.95, within(1e-12));
        assertThat(CalibratedScorer.toRateScore(Math.log10(104))).isCloseTo(0.5, within(0.01));
        assertThat(CalibratedScorer.toRateScore(Math.log10(7_100))).isCloseTo(0.99, within(0.001));
        assertThat(CalibratedScorer.toRateScore(4.5)).isGreaterThan(CalibratedScorer.toScore(4.5));
    }

    @Test
    void aRareRawValueScoresAboveTheShippedThresholdAndOrdinaryOnesAboutOnceIn1400() {
        CalibratedScorer c = new CalibratedScorer(CalibrationParameters.defaults());
        SplittableRandom r = new SplittableRandom(3);
        int alarms = 0;
        int ordinary = 20_000;
        for (int i = 0; i < 1000 + ordinary; i++) {
            double s = c.score(Math.abs(r.nextGaussian()));
            alarms += i >= 1000 && s >= 0.95 ? 1 : 0;
        }
        // about 14 expected at one in 1,400; the tail fit's error and the gate's echoes allow a factor of three
        assertThat(alarms).isBetween(ordinary / 1400 / 3, 3 * ordinary / 1400);
        assertThat(c.score(12)).isGreaterThan(0.95);
    }

    @Test
    void aConfidentAlarmIsLearntOnlyAsLargeAsAConfidentAlarm() {
        CalibratedScorer small = new CalibratedScorer(CalibrationParameters.defaults());
        CalibratedScorer huge = new CalibratedScorer(CalibrationParameters.defaults());
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 3000; i++) {
            double x = Math.abs(r.nextGaussian());
            small.score(x);
            huge.score(x);
        }
        // both far beyond the tail: what the fit learns of them must not depend on how far (the gate's
        // memory of the reported surprise does, so the tail fit's surprisals are compared)
        assertThat(small.score(30)).isGreaterThan(0.95);
        assertThat(huge.score(3000)).isGreaterThan(0.95);
        for (int i = 0; i < 2000; i++) {
            double x = Math.abs(r.nextGaussian()) * (i % 400 == 0 ? 4 : 1);
            huge.score(x);
            small.score(x);
            assertThat(huge.lastSurprisal()).isEqualTo(small.lastSurprisal());
        }
    }

    @Test
    void restoredScorerGoesOnWithIdenticalScores() throws IOException {
        CalibratedScorer a = new CalibratedScorer(new CalibrationParameters(0.98, 2000, 50, 100, 0.2, 4.5, 10, false));
        SplittableRandom r = new SplittableRandom(4);
        for (int i = 0; i < 700; i++) {
            a.score(Math.abs(r.nextGaussian()) + (i % 300 == 0 ? 9 : 0));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        a.writeTo(new DataOutputStream(bytes));
        CalibratedScorer b =
                CalibratedScorer.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        for (int i = 0; i < 500; i++) {
            double x = Math.abs(r.nextGaussian()) + (i % 200 == 0 ? 9 : 0);
            assertThat(b.score(x)).isEqualTo(a.score(x));
        }
    }
}
