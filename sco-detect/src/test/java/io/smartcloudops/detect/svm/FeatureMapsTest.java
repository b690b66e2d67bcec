package io.smartcloudops.detect.svm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FeatureMapsTest {
    @Test
    void modelsOfOneSeedShareOneMapAndOtherSeedsGetTheirOwn() {
        FeatureMaps maps = new FeatureMaps();
        SvmParameters p = SvmParameters.defaults();
        assertThat(maps.of(p, 42)).isSameAs(maps.of(p, 42));
        assertThat(maps.of(p, 43)).isNotSameAs(maps.of(p, 42));
        assertThat(maps.of(p, 43).omega()).isNotEqualTo(maps.of(p, 42).omega());
    }

    @Test
    void beyondTheSharedLimitMapsAreStillTheSeedsOwn() {
        FeatureMaps maps = new FeatureMaps();
        SvmParameters p = SvmParameters.defaults();
        for (int seed = 0; seed < FeatureMaps.SHARED; seed++) {
            maps.of(p, seed);
        }
        FeatureMaps.FeatureMap late = maps.of(p, 1_000);
        assertThat(late).isNotSameAs(maps.of(p, 1_000));
        assertThat(late.omega()).isEqualTo(new FeatureMaps().of(p, 1_000).omega());
        assertThat(late.phase()).isEqualTo(new FeatureMaps().of(p, 1_000).phase());
    }

    @Test
    void aModelWithASharedMapScoresAsOneWithItsOwn() {
        FeatureMaps maps = new FeatureMaps();
        maps.of(SvmParameters.defaults(), 7);
        OneClassSvm shared = new OneClassSvm(SvmParameters.defaults(), 7, maps);
        OneClassSvm own = new OneClassSvm(SvmParameters.defaults(), 7);
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 2_000; i++) {
            double x = Math.sin(i / 10.0) + r.nextGaussian() * 0.1 + (i == 1_500 ? 5 : 0);
            assertThat(shared.update(x)).isEqualTo(own.update(x));
        }
        assertThat(shared.trained()).isTrue();
    }
}
