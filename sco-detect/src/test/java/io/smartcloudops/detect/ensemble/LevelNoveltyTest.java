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

class LevelNoveltyTest {

    @Test
    void flagsALevelShiftThatStaysInsideTheRawRange() {
        Random random = new Random(3);
        LevelNovelty level = new LevelNovelty(0.1, 8000);
        RangeNovelty raw = new RangeNovelty(8000);
        for (int i = 0; i < 2000; i++) {
            double x = 2 * random.nextDouble() - 1;
            level.surprisal(x, Direction.BOTH);
            raw.surprisal(x, Direction.BOTH);
        }
        double levelSurprise = 0;
        double rawSurprise = 0;
        for (int i = 0; i < 60; i++) {
            // the new regime's values all lie within the old [-1, 1]; only their average is new
            double x = 0.7 + 0.25 * (2 * random.nextDouble() - 1);
            levelSurprise = Math.max(levelSurprise, level.surprisal(x, Direction.BOTH));
            rawSurprise = Math.max(rawSurprise, raw.surprisal(x, Direction.BOTH));
        }
        assertThat(rawSurprise).isZero();
        assertThat(levelSurprise).isGreaterThan(Math.log10(2000));
    }

    @Test
    void ignoresAShiftInADirectionThatDoesNotCount() {
        Random random = new Random(5);
        LevelNovelty level = new LevelNovelty(0.1, 8000);
        for (int i = 0; i < 2000; i++) {
            level.surprisal(random.nextGaussian(), Direction.UP);
        }
        double surprise = 0;
        for (int i = 0; i < 100; i++) {
            surprise = Math.max(surprise, level.surprisal(random.nextGaussian() - 5, Direction.UP));
        }
        assertThat(surprise).isZero();
    }

    @Test
    void restoredMemberContinuesIdentically() throws IOException {
        Random random = new Random(8);
        LevelNovelty original = new LevelNovelty(0.1, 500);
        for (int i = 0; i < 700; i++) {
            original.surprisal(random.nextGaussian() + i * 0.001, Direction.UP);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        original.writeTo(new DataOutputStream(bytes));
        LevelNovelty restored =
                LevelNovelty.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        for (int i = 0; i < 500; i++) {
            double x = random.nextGaussian() + (i > 300 ? 5 : 0);
            assertThat(restored.surprisal(x, Direction.UP)).isEqualTo(original.surprisal(x, Direction.UP));
        }
    }
}
