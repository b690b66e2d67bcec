package io.smartcloudops.detect.seasonal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SeasonTest {

    @Test
    void keepsEachOffsetToWithinHalfAStepOfTheLargestOver2To14() {
        SplittableRandom r = new SplittableRandom(1);
        double[] offsets = new double[288];
        for (int j = 0; j < offsets.length; j++) {
            offsets[j] = 30 * Math.sin(j * 2 * Math.PI / offsets.length) + r.nextGaussian() * 1e-3;
        }
        Season s = Season.of(offsets);
        double largest = 30.01;
        for (int j = 0; j < offsets.length; j++) {
            assertThat(s.at(j)).isCloseTo(offsets[j], within(largest / (1 << 15)));
        }
    }

    @Test
    void learnsStepsAsDoublesWouldToWithinTheNoiseTheyLearn() {
        SplittableRandom r = new SplittableRandom(2);
        double[] exact = new double[24];
        for (int j = 0; j < exact.length; j++) {
            exact[j] = 10 * Math.cos(j * 2 * Math.PI / exact.length);
        }
        Season s = Season.of(exact);
        for (int i = 0; i < 20_000; i++) {
            int phase = i % exact.length;
            // the error the offset leaves, learnt at 0.1 as the forecaster's gamma does
            double target = 10 * Math.cos(phase * 2 * Math.PI / exact.length) + 3 * Math.sin(i / 5000.0);
            double noise = r.nextGaussian() * 0.5;
            s.add(phase, 0.1 * (target + noise - s.at(phase)));
            exact[phase] += 0.1 * (target + noise - exact[phase]);
        }
        for (int j = 0; j < exact.length; j++) {
            // the same noise learnt: the codes differ from doubles by rounding, not by a drift
            assertThat(s.at(j)).isCloseTo(exact[j], within(0.01));
        }
    }

    @Test
    void doublesItsStepWhenAnOffsetOutgrowsIt() {
        Season s = Season.of(new double[] {1, -1, 0.5});
        s.add(0, 1e6);
        assertThat(s.at(0)).isCloseTo(1e6, within(1e6 / (1 << 15)));
        assertThat(s.at(1)).isCloseTo(-1.0, within(1e6 / (1 << 15)));
        assertThat(s.at(2)).isCloseTo(0.5, within(1e6 / (1 << 15)));
    }

    @Test
    void aFlatSeasonLearnsAnOffsetLaterAndIgnoresANonFiniteStep() {
        Season s = Season.of(new double[] {0, 0});
        s.add(1, 2.5);
        s.add(0, Double.NaN);
        assertThat(s.at(1)).isCloseTo(2.5, within(2.5 / (1 << 15)));
        assertThat(s.at(0)).isZero();
    }

    @Test
    void readsBackExactlyWhatItWrote() throws IOException {
        Season s = Season.of(new double[] {3.25, -7, 0, 1e-6});
        s.add(1, 0.3);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        s.writeTo(new DataOutputStream(bytes));
        assertThat(bytes.size()).isEqualTo(8 + 4 * 2);
        Season back = Season.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), 4);
        for (int j = 0; j < 4; j++) {
            assertThat(back.at(j)).isEqualTo(s.at(j));
        }
    }
}
