package io.smartcloudops.detect.forest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SplitMix64Test {

    @Test
    void boundedDrawsAreTheFloorModulusOfTheRawStreamForEveryBound() {
        for (long bound : new long[] {1, 2, 3, 7, 8, 32, 100, 256, 1000, 1024, 1L << 40, (1L << 40) + 1}) {
            SplitMix64 raw = new SplitMix64(99);
            SplitMix64 bounded = new SplitMix64(99);
            for (int i = 0; i < 10_000; i++) {
                assertThat(bounded.nextLong(bound)).isEqualTo(Math.floorMod(raw.nextLong(), bound));
            }
        }
    }
}
