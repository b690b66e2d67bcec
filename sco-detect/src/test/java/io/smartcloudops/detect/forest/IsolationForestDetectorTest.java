package io.smartcloudops.detect.forest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.detect.DetectorState;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.testkit.DetectorContract;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsolationForestDetectorTest extends DetectorContract {

    @Override
    protected DetectorFactory factory() {
        return new IsolationForestProvider().create(ProviderContext.builder().build());
    }

    @Test
    void oddShapeIsolatesMoreEasilyThanUsualOnes() {
        StreamingIsolationForest f = new StreamingIsolationForest(ForestParameters.defaults(), 7);
        SplittableRandom r = new SplittableRandom(1);
        double usual = 0;
        for (int i = 0; i < 2000; i++) {
            double s = f.update(Math.sin(i * 2 * Math.PI / 50) + 0.05 * r.nextGaussian());
            usual = i >= 1900 ? Math.max(usual, s) : usual;
        }
        double odd = f.update(4.0);
        assertThat(odd).isGreaterThan(usual).isGreaterThan(0.6);
    }

    @Test
    void averagePathMatchesTheBinarySearchTreeFormula() {
        assertThat(StreamingIsolationForest.averagePath(1)).isZero();
        assertThat(StreamingIsolationForest.averagePath(2)).isEqualTo(1.0);
        assertThat(StreamingIsolationForest.averagePath(256)).isBetween(10.2, 10.3);
    }

    @Test
    void refusesStateOfAnotherVersion() {
        DetectorState wrong = new DetectorState(IsolationForestProvider.NAME, 99, new byte[8]);
        assertThatThrownBy(() -> factory().restore(wrong)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("99");
    }
}
