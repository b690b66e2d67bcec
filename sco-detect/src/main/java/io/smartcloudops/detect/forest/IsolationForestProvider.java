package io.smartcloudops.detect.forest;

import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.spi.DetectorProvider;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.detect.likelihood.CalibrationParameters;
import io.smartcloudops.detect.share.SharedParameters;

/**
 * Streaming isolation forest over shingles with a sliding reservoir, calibrated as the default is,
 * registered as {@code iforest}: for shapes the series has not shown before. Settings are {@link
 * ForestParameters}' keys, and {@link CalibrationParameters}' under {@code calibration}.
 */
public final class IsolationForestProvider implements DetectorProvider {
    public static final String NAME = "iforest";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DetectorFactory create(ProviderContext context) {
        ForestParameters params = ForestParameters.from(CalibrationParameters.without(context.config()));
        CalibrationParameters calibration =
                CalibrationParameters.of(context.config(), IsolationForestDetector.CALIBRATION);
        // one instance of each equal parameter record among the factory's restored detectors (issue #15)
        SharedParameters shared = new SharedParameters();
        return DetectorFactory.of(
                NAME,
                (series, settings) -> new IsolationForestDetector(params, calibration, settings.seed()),
                state -> IsolationForestDetector.restore(state, shared));
    }
}
