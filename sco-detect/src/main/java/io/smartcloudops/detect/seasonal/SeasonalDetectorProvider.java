package io.smartcloudops.detect.seasonal;

import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.spi.DetectorProvider;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.detect.likelihood.CalibrationParameters;
import io.smartcloudops.detect.share.SharedParameters;

/**
 * Holt-Winters forecaster with automatic season detection, its forecast error calibrated as the
 * default's is, registered as {@code seasonal}: for metrics with a daily or weekly rhythm. Its
 * detectors are {@link ForecastingDetector}s. Settings are {@link SeasonalParameters}' keys, and
 * {@link CalibrationParameters}' under {@code calibration}.
 */
public final class SeasonalDetectorProvider implements DetectorProvider {
    public static final String NAME = "seasonal";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DetectorFactory create(ProviderContext context) {
        SeasonalParameters params = SeasonalParameters.from(CalibrationParameters.without(context.config()));
        CalibrationParameters calibration = CalibrationParameters.of(context.config(), SeasonalDetector.CALIBRATION);
        // one instance of each equal parameter record among the factory's restored detectors (issue #15)
        SharedParameters shared = new SharedParameters();
        return DetectorFactory.of(
                NAME,
                (series, settings) -> new SeasonalDetector(params, calibration, settings),
                state -> SeasonalDetector.restore(state, shared));
    }
}
