package io.smartcloudops.bench.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AccuracyTest {

    @Test
    void masesMapeAndCoverageOfTwoKnownForecasts() {
        Accuracy a = new Accuracy();
        // |10 - 8| / 2 = 1; sMAPE 200 * 2 / 18; inside the 80% and the 95% interval
        a.add(10, 8, 7, 11, 6, 12, 2);
        // |4 - 8| / 1 = 4; sMAPE 200 * 4 / 12; outside the 80% interval, on the 95% one's edge
        a.add(4, 8, 5, 11, 4, 12, 1);

        assertThat(a.count()).isEqualTo(2);
        assertThat(a.mase()).isCloseTo((1 + 4) / 2.0, within(1e-12));
        assertThat(a.smape()).isCloseTo((200 * 2 / 18.0 + 200 * 4 / 12.0) / 2, within(1e-12));
        assertThat(a.coverage80()).isEqualTo(0.5);
        assertThat(a.coverage95()).isEqualTo(1.0);
    }

    @Test
    void smapeOfAnExactZeroForecastOfZeroIsZero() {
        Accuracy a = new Accuracy();
        a.add(0, 0, 0, 0, 0, 0, 1);
        assertThat(a.smape()).isZero();
        assertThat(a.mase()).isZero();
    }

    @Test
    void refusesAScaleOfZero() {
        assertThatThrownBy(() -> new Accuracy().add(1, 1, 0, 2, 0, 2, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive in-sample scale");
    }
}
