package io.smartcloudops.detect.forest;

import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.spi.DetectorProvider;
import io.smartcloudops.api.spi.ProviderContext;

/** Streaming isolation forest over shingles with a sliding reservoir, registered as {@code iforest}. */
public final class IsolationForestProvider implements DetectorProvider {
    public static final String NAME = "iforest";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DetectorFactory create(ProviderContext context) {
        ForestParameters params = ForestParameters.from(context.config());
        return DetectorFactory.of(NAME, (series, settings) -> new IsolationForestDetector(params, settings.seed()), IsolationForestDetector::restore);
    }
}
