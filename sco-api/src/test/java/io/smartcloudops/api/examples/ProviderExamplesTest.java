package io.smartcloudops.api.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.detect.Detector;
import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.detect.DetectorSettings;
import io.smartcloudops.api.detect.Direction;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.api.spi.DetectorProvider;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.api.spi.ProviderRegistry;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/** The examples that say what happens at run time do it: the services file is found, the detector restores. */
class ProviderExamplesTest {

    @Test
    void theServicesFileOfTheProviderExampleIsDiscovered() throws IOException {
        URL examples = getClass().getClassLoader().getResource("examples/");
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {examples}, getClass().getClassLoader())) {
            ProviderRegistry registry =
                    ProviderRegistry.builder().discover(loader).build();

            assertThat(registry.provider(DetectorProvider.class, "mine")).isInstanceOf(MyDetectorProvider.class);
        }
        assertThat(ProviderRegistry.builder()
                        .discover(getClass().getClassLoader())
                        .build()
                        .names(DetectorProvider.class))
                .as("without the examples folder")
                .doesNotContain("mine");
    }

    @Test
    void theDetectorOfTheExampleContinuesFromItsSnapshot() {
        DetectorFactory factory =
                new MyDetectorProvider().create(ProviderContext.builder().build());
        SeriesId cpu = SeriesId.of("cpu");
        Detector live = factory.create(cpu, DetectorSettings.defaults().withDirection(Direction.UP));
        for (int t = 0; t < 20; t++) {
            live.update(new Sample(cpu, t, 10 + t % 3));
        }
        Detector restored = factory.restore(live.snapshot());

        Sample spike = new Sample(cpu, 20, 40);
        assertThat(restored.update(spike)).isEqualTo(live.update(spike));
    }
}
