package io.smartcloudops.detect.seasonal;

import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.spi.DetectorProvider;
import io.smartcloudops.api.spi.ProviderContext;

/**
 * Holt-Winters forecaster with automatic season detection, registered as {@code seasonal}. Its
 * detectors are {@link ForecastingDetector}s.
 */
public final class SeasonalDetectorProvider implements DetectorProvider {
    public static final String NAME = "seasonal";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DetectorFactory create(ProviderContext context) {
        SeasonalParameters params = SeasonalParameters.from(context.config());
        return DetectorFactory.of(NAME, (series, settings) -> new SeasonalDetector(params, settings), SeasonalDetector::restore);
    }
}
