package io.smartcloudops.bench.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NaiveForecastTest {

    @Test
    void naiveRepeatsTheLastValueWithARandomWalksWideningInterval() {
        // one-step differences 1 and 2: residual mean square 2.5
        Prediction p = new NaiveForecast(1).predict(new double[] {1, 2, 4}, 1, 4);

        assertThat(p.mean()).containsExactly(4, 4, 4, 4);
        for (int h = 1; h <= 4; h++) {
            double sd = Math.sqrt(2.5 * h);
            assertThat(p.upper80()[h - 1]).isCloseTo(4 + Prediction.Z80 * sd, within(1e-12));
            assertThat(p.lower95()[h - 1]).isCloseTo(4 - Prediction.Z95 * sd, within(1e-12));
        }
    }

    @Test
    void seasonalNaiveRepeatsTheLastSeasonAndWidensOncePerSeasonAhead() {
        // season of 2; seasonal differences 2, 2, 2, 4: mean square 7
        double[] x = {1, 5, 3, 7, 5, 11};
        Prediction p = new NaiveForecast(2).predict(x, 1, 5);

        assertThat(p.mean()).containsExactly(5, 11, 5, 11, 5);
        double sigma = Math.sqrt(7);
        double[] seasonsAhead = {1, 1, 2, 2, 3};
        for (int k = 0; k < 5; k++) {
            assertThat(p.upper80()[k] - p.mean()[k])
                    .isCloseTo(Prediction.Z80 * sigma * Math.sqrt(seasonsAhead[k]), within(1e-12));
        }
    }

    @Test
    void masesScaleIsTheInSampleMeanAbsoluteDifferenceAtTheLag() {
        double[] x = {1, 5, 3, 7, 5, 11};
        assertThat(NaiveForecast.meanAbsoluteDifference(x, 1)).isCloseTo((4 + 2 + 4 + 2 + 6) / 5.0, within(1e-12));
        assertThat(NaiveForecast.meanAbsoluteDifference(x, 2)).isCloseTo((2 + 2 + 2 + 4) / 4.0, within(1e-12));
    }
}
