package io.smartcloudops.detect.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.detect.Detector;
import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.detect.DetectorSettings;
import io.smartcloudops.api.detect.DetectorState;
import io.smartcloudops.api.detect.Direction;
import io.smartcloudops.api.detect.Score;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.testkit.DetectorContract;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EwmaDetectorTest extends DetectorContract {

    @Override
    protected DetectorFactory factory() {
        return new EwmaDetectorProvider().create(ProviderContext.builder().build());
    }

    private Score feed(Detector d, double... values) {
        Score last = null;
        long t = 0;
        for (double v : values) {
            last = d.update(new Sample(SERIES, t += 1000, v));
        }
        return last;
    }

    @Test
    void constantSeriesScoresZeroThenFlagsAChange() {
        Detector d = factory().create(SERIES, DetectorSettings.defaults());
        double[] flat = new double[100];
        Arrays.fill(flat, 5.0);
        assertThat(feed(d, flat).value()).isLessThan(0.01);
        assertThat(feed(d, 50.0).value()).isGreaterThan(0.99);
    }

    @Test
    void upDirectionIgnoresDrops() {
        Detector up = factory().create(SERIES, DetectorSettings.defaults().withDirection(Direction.UP));
        double[] noisy = new double[200];
        for (int i = 0; i < noisy.length; i++) {
            noisy[i] = 50 + (i % 2 == 0 ? 1 : -1);
        }
        feed(up, noisy);
        assertThat(feed(up, 0.0).value()).isLessThan(0.01);
        assertThat(feed(up, 100.0).value()).isGreaterThan(0.99);
    }

    @Test
    void hugeMagnitudesStayFinite() {
        Detector d = factory().create(SERIES, DetectorSettings.defaults());
        Score s = feed(
                d, 1e300, 1e300, -1e300, 1e300, 1e299, 1e300, 1e300, 1e300, 1e300, 1e300, 1e300, 1e300, 1e300, 1e300,
                1e300, 1e300, 1e300, 1e300, 1e300, 1e300, 1e300, 1e300, 5);
        assertThat(s.value()).isBetween(0.0, 1.0);
    }

    @Test
    void explainsWithExpectedValueAndBand() {
        Detector d = factory().create(SERIES, DetectorSettings.defaults());
        double[] values = new double[100];
        for (int i = 0; i < values.length; i++) {
            values[i] = 10 + (i % 3);
        }
        feed(d, values);
        Score s = feed(d, 40);
        assertThat(s.expected()).isBetween(10.0, 12.0);
        assertThat(s.lower()).isLessThan(s.expected());
        assertThat(s.upper()).isGreaterThan(s.expected()).isLessThan(40);
        assertThat(s.reason()).contains("above the mean");
    }

    @Test
    void rejectsUnknownSettingNamingIt() {
        ProviderContext ctx = ProviderContext.builder()
                .config(ProviderConfig.of("detectors.ewma", Map.of("alpah", 0.1)))
                .build();
        assertThatThrownBy(() -> new EwmaDetectorProvider().create(ctx))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("detectors.ewma.alpah");
    }

    @Test
    void refusesStateOfAnotherVersion() {
        DetectorState wrong = new DetectorState(EwmaDetectorProvider.NAME, 99, new byte[8]);
        assertThatThrownBy(() -> factory().restore(wrong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("99");
    }
}
