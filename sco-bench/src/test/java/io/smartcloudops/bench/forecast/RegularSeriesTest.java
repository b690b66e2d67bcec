package io.smartcloudops.bench.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RegularSeriesTest {

    @Test
    void binsAreMeansAndHolesLieOnTheLineBetweenTheirNeighbours() {
        // bins 0 and 3 hold data (means 2 and 8); 1 and 2 are empty
        RegularSeries r = RegularSeries.fromBins("s", 1_000, new double[] {4, 0, 0, 24}, new int[] {2, 0, 0, 3});

        assertThat(r.values()).containsExactly(2, 4, 6, 8);
        assertThat(r.filled()).isEqualTo(2);
        assertThat(r.filledShare()).isEqualTo(0.5);
    }

    @Test
    void aHoleAtTheStartTakesTheFirstValue() {
        RegularSeries r = RegularSeries.fromBins("s", 1_000, new double[] {0, 5, 7}, new int[] {0, 1, 1});

        assertThat(r.values()).containsExactly(5, 5, 7);
        assertThat(r.filled()).isEqualTo(1);
    }
}
