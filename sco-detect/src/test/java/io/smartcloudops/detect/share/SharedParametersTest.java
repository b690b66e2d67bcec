package io.smartcloudops.detect.share;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SharedParametersTest {
    private record Point(int x, double y) {}

    private record Other(int x, double y) {}

    @Test
    void returnsTheFirstEqualInstance() {
        SharedParameters shared = new SharedParameters();
        Point first = new Point(1, 2.5);
        assertThat(shared.canonical(first)).isSameAs(first);
        assertThat(shared.canonical(new Point(1, 2.5))).isSameAs(first);
    }

    @Test
    void keepsUnequalRecordsApart() {
        SharedParameters shared = new SharedParameters();
        Point zero = shared.canonical(new Point(1, 0.0));
        Point negativeZero = new Point(1, -0.0);
        Other other = new Other(1, 0.0);
        // -0.0 and 0.0 behave differently in arithmetic, so they must not be merged
        assertThat(shared.canonical(negativeZero)).isSameAs(negativeZero).isNotSameAs(zero);
        assertThat(shared.canonical(other)).isSameAs(other);
        assertThat(shared.size()).isEqualTo(3);
    }

    @Test
    void returnsItsArgumentOnceFull() {
        SharedParameters shared = new SharedParameters(2);
        shared.canonical(new Point(1, 1));
        shared.canonical(new Point(2, 2));
        Point third = new Point(3, 3);
        assertThat(shared.canonical(third)).isSameAs(third);
        assertThat(shared.canonical(new Point(3, 3))).isNotSameAs(third);
        assertThat(shared.size()).isEqualTo(2);
        assertThat(shared.canonical(new Point(1, 1))).isEqualTo(new Point(1, 1));
    }
}
