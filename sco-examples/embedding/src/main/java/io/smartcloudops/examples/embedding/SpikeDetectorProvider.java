package io.smartcloudops.examples.embedding;

import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.spi.DetectorProvider;
import io.smartcloudops.api.spi.ProviderContext;

/** {@code spike}: the example's own detector, registered in {@code META-INF/services}. */
public final class SpikeDetectorProvider implements DetectorProvider {
    @Override
    public String name() {
        return SpikeDetector.NAME;
    }

    @Override
    public DetectorFactory create(ProviderContext context) {
        context.config().requireOnly(java.util.Set.of());
        return DetectorFactory.of(SpikeDetector.NAME, (series, settings) -> new SpikeDetector(), SpikeDetector::restore);
    }
}
