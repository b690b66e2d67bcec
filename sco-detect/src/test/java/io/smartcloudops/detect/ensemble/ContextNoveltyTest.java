package io.smartcloudops.detect.ensemble;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.detect.Direction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ContextNoveltyTest {

    /** A slow triangle wave between 0 and 10 with a little noise: its shapes repeat every period. */
    private static double triangle(int i, Random random) {
        int phase = i % 40;
        return (phase < 20 ? phase : 40 - phase) * 0.5 + 0.05 * random.nextGaussian();
    }

    @Test
    void flagsANewShapeThatStaysInsideTheKnownRange() {
        Random random = new Random(4);
        ContextNovelty context = new ContextNovelty(8000);
        double usual = 0;
        for (int i = 0; i < 5000; i++) {
            double s = context.surprisal(triangle(i, random), Direction.BOTH);
            usual = i > 1000 ? Math.max(usual, s) : usual;
        }
        // a jump from the bottom to the top and back: every value was seen before, the shape never was
        double surprise = 0;
        for (double x : new double[] {0.5, 9.5, 0.5, 9.5}) {
            surprise = Math.max(surprise, context.surprisal(x, Direction.BOTH));
        }
        assertThat(usual).isZero();
        // the only novelties were the table's first lessons: a new shape now is rarer than one in a hundred
        assertThat(surprise).isGreaterThan(2.0);
    }

    @Test
    void aSeriesThatKeepsMakingNewShapesIsNotAlarming() {
        Random random = new Random(6);
        ContextNovelty context = new ContextNovelty(8000);
        double walk = 0;
        double loudest = 0;
        for (int i = 0; i < 3000; i++) {
            walk += random.nextGaussian();
            double s = context.surprisal(walk, Direction.BOTH);
            loudest = i > 1000 ? Math.max(loudest, s) : loudest;
        }
        assertThat(loudest).isLessThan(1.5);
    }

    @Test
    void ignoresANewShapeOnTheSideThatDoesNotCount() {
        Random random = new Random(4);
        ContextNovelty context = new ContextNovelty(8000);
        for (int i = 0; i < 2000; i++) {
            context.surprisal(triangle(i, random), Direction.UP);
        }
        double surprise = 0;
        for (double x : new double[] {0.2, 4.0, 0.2, 4.0}) {
            // below the mean of 5: with only upward deviations counting these novel shapes stay silent
            surprise = Math.max(surprise, context.surprisal(x, Direction.UP));
        }
        assertThat(surprise).isZero();
    }

    @Test
    void restoredMemberContinuesIdentically() throws IOException {
        Random random = new Random(9);
        ContextNovelty original = new ContextNovelty(500);
        for (int i = 0; i < 900; i++) {
            original.surprisal(triangle(i, random), Direction.BOTH);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        original.writeTo(new DataOutputStream(bytes));
        ContextNovelty restored = ContextNovelty.readFrom(
                new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), ContextNovelty.FORMAT);
        for (int i = 0; i < 600; i++) {
            double x = triangle(i, random) + (i % 97 == 0 ? 4 : 0);
            assertThat(restored.surprisal(x, Direction.BOTH)).isEqualTo(original.surprisal(x, Direction.BOTH));
        }
    }

    @Test
    void restoredFromTheOlderBitsFormatContinuesIdentically() throws IOException {
        Random random = new Random(9);
        ContextNovelty original = new ContextNovelty(500);
        for (int i = 0; i < 900; i++) {
            original.surprisal(triangle(i, random), Direction.BOTH);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        original.writeTo(new DataOutputStream(bytes), 1);
        ContextNovelty restored =
                ContextNovelty.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), 1);
        for (int i = 0; i < 600; i++) {
            double x = triangle(i, random) + (i % 97 == 0 ? 4 : 0);
            assertThat(restored.surprisal(x, Direction.BOTH)).isEqualTo(original.surprisal(x, Direction.BOTH));
        }
    }

    @Test
    void aSeriesOfManyShapesRestoresIdenticallyAndItsStateStaysBounded() throws IOException {
        Random random = new Random(6);
        ContextNovelty original = new ContextNovelty(8000);
        // an early range of 1 fixes bins of a sixth: noise over 60 then makes nearly every context new
        for (int i = 0; i < ContextNovelty.FIX_AT; i++) {
            original.surprisal(random.nextDouble(), Direction.BOTH);
        }
        for (int i = 0; i < 3000; i++) {
            original.surprisal(60 * random.nextDouble(), Direction.BOTH);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        original.writeTo(new DataOutputStream(bytes));
        // more contexts than the list holds: the table's kilobyte of bits and the member's figures, not more
        assertThat(bytes.size()).isBetween(1024, 1024 + 100);
        ContextNovelty restored = ContextNovelty.readFrom(
                new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), ContextNovelty.FORMAT);
        for (int i = 0; i < 2000; i++) {
            double x = 60 * random.nextDouble();
            assertThat(restored.surprisal(x, Direction.BOTH)).isEqualTo(original.surprisal(x, Direction.BOTH));
        }
    }

    @Test
    void aRegularSeriesWritesItsFewContextsAsAList() throws IOException {
        Random random = new Random(9);
        ContextNovelty context = new ContextNovelty(500);
        for (int i = 0; i < 3000; i++) {
            context.surprisal(triangle(i, random), Direction.BOTH);
        }
        ByteArrayOutputStream current = new ByteArrayOutputStream();
        context.writeTo(new DataOutputStream(current));
        ByteArrayOutputStream older = new ByteArrayOutputStream();
        context.writeTo(new DataOutputStream(older), 1);
        assertThat(current.size()).isLessThan(older.size() - 512);
    }
}
