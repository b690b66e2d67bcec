package io.smartcloudops.detect.baseline;

import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.spi.DetectorProvider;
import io.smartcloudops.api.spi.ProviderContext;

/** The robust baseline: EWMA mean and variance z-score, registered as {@code ewma}. */
public final class EwmaDetectorProvider implements DetectorProvider {
    public static final String NAME = "ewma";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DetectorFactory create(ProviderContext context) {
        EwmaParameters params = EwmaParameters.from(context.config());
        return DetectorFactory.of(
                NAME, (series, settings) -> new EwmaDetector(params, settings), EwmaDetector::restore);
    }
}
