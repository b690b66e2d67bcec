package io.smartcloudops.bench.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.smartcloudops.detect.seasonal.SeasonalSeriesForecaster;
import org.junit.jupiter.api.Test;

class ProductForecastTest {

    @Test
    void givesEveryStepOfTheHorizonWithNestedIntervals() {
        double[] x = new double[24 * 21];
        for (int t = 0; t < x.length; t++) {
            x[t] = 50 + 10 * Math.sin(2 * Math.PI * t / 24) + ((t * 7919) % 13 - 6) * 0.1;
        }

        Prediction p =
                new ProductForecast("product", new SeasonalSeriesForecaster()).predict(x, ForecastCorpus.HOUR, 48);

        assertThat(p.horizon()).isEqualTo(48);
        for (int k = 0; k < 48; k++) {
            int t = x.length + k;
            assertThat(p.mean()[k]).isCloseTo(50 + 10 * Math.sin(2 * Math.PI * t / 24), within(1.5));
            assertThat(p.lower95()[k]).isLessThanOrEqualTo(p.lower80()[k]);
            assertThat(p.upper80()[k]).isLessThanOrEqualTo(p.upper95()[k]);
        }
    }
}
