package io.smartcloudops.api.examples;

import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.spi.DetectorProvider;
import io.smartcloudops.api.spi.ProviderContext;

// The DetectorProvider example; the Provider example, src/test/resources/examples/META-INF/services, lists it.
// tag::DetectorProvider[]
public final class MyDetectorProvider implements DetectorProvider {
    public String name() {
        return "mine";
    }

    public DetectorFactory create(ProviderContext context) {
        return DetectorFactory.of(
                "mine", (series, settings) -> new MyDetector(context.config(), settings), MyDetector::restore);
    }
}
// end::DetectorProvider[]
