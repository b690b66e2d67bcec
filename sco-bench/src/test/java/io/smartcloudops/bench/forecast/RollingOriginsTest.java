package io.smartcloudops.bench.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class RollingOriginsTest {

    @Test
    void originsAreSpreadEvenlyFromTheWindowToTheLastFullHorizon() {
        assertThat(new RollingOrigins(3).origins(100, 10, 48)).containsExactly(10, 31, 52);
        assertThat(new RollingOrigins(5).origins(60, 10, 48)).containsExactly(10, 11, 12);
        assertThat(new RollingOrigins(5).origins(50, 10, 48)).isEmpty();
    }

    @Test
    void naiveOnAStraightLineIsOffByTheLeadInUnitsOfItsInSampleStep() {
        // x = 3 t: the in-sample naive MAE is 3, and the naive forecast h steps ahead misses by 3 h
        double[] x = new double[200];
        for (int t = 0; t < x.length; t++) {
            x[t] = 3 * t;
        }
        ForecastCorpus corpus = new ForecastCorpus("line", 1, 1, 1, 1, 20, 0);

        RollingOrigins.Result r = new RollingOrigins(7)
                .run(corpus, List.of(new RegularSeries("line", 1, x, 0)), List.of(new NaiveForecast(1)));

        assertThat(r.origins()).isEqualTo(7);
        Accuracy[] naive = r.accuracy().get("naive");
        for (int i = 0; i < RollingOrigins.HORIZONS.length; i++) {
            assertThat(naive[i].count()).isEqualTo(7);
            assertThat(naive[i].mase()).isCloseTo(RollingOrigins.HORIZONS[i], within(1e-9));
        }
    }

    @Test
    void aFlatWindowIsSkippedNotDividedByZero() {
        double[] x = new double[100];
        ForecastCorpus corpus = new ForecastCorpus("flat", 1, 1, 1, 1, 20, 0);

        RollingOrigins.Result r = new RollingOrigins(4)
                .run(corpus, List.of(new RegularSeries("flat", 1, x, 0)), List.of(new NaiveForecast(1)));

        assertThat(r.origins()).isZero();
        assertThat(r.skipped()).isEqualTo(4);
    }
}
