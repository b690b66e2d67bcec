package io.smartcloudops.detect.svm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.detect.DetectorState;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.testkit.DetectorContract;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OneClassSvmDetectorTest extends DetectorContract {

    @Override
    protected DetectorFactory factory() {
        return new OneClassSvmProvider().create(ProviderContext.builder().build());
    }

    @Test
    void trainsOnTheProbationaryWindowThenFlagsUnseenShapes() {
        OneClassSvm svm = new OneClassSvm(SvmParameters.defaults(), 11);
        SplittableRandom r = new SplittableRandom(2);
        double inside = 0;
        int n = SvmParameters.defaults().trainWindow() + 400;
        for (int i = 0; i < n; i++) {
            double s = svm.update(Math.sin(i * 2 * Math.PI / 40) + 0.05 * r.nextGaussian());
            inside = i >= n - 200 ? Math.max(inside, s) : inside;
        }
        assertThat(svm.trained()).isTrue();
        double outside = 0;
        for (int i = 0; i < 8; i++) {
            outside = Math.max(outside, svm.update(6.0));
        }
        assertThat(outside).isGreaterThan(inside);
    }

    @Test
    void rejectsAnImpossibleNu() {
        ProviderContext ctx = ProviderContext.builder().config(ProviderConfig.of("detectors.ocsvm", Map.of("nu", 1.5))).build();
        assertThatThrownBy(() -> new OneClassSvmProvider().create(ctx)).isInstanceOf(ConfigException.class).hasMessageContaining("nu");
    }

    @Test
    void refusesStateOfAnotherVersion() {
        DetectorState wrong = new DetectorState(OneClassSvmProvider.NAME, 99, new byte[8]);
        assertThatThrownBy(() -> factory().restore(wrong)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("99");
    }
}
