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
    void aRareRawValueScoresAboveTheShippedThresholdAndOrdinaryOnesFarBelow() {
        CalibratedScorer c = new CalibratedScorer(CalibrationParameters.defaults());
        SplittableRandom r = new SplittableRandom(3);
        double ordinary = 0;
        for (int i = 0; i < 5000; i++) {
            double s = c.score(Math.abs(r.nextGaussian()));
            ordinary = i > 4000 ? Math.max(ordinary, s) : ordinary;
        }
        assertThat(ordinary).isLessThan(0.5);
        assertThat(c.score(12)).isGreaterThan(0.95);
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
