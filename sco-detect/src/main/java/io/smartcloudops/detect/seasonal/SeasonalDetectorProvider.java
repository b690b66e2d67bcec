package io.smartcloudops.detect.seasonal;

import io.smartcloudops.api.detect.Detector;
import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.detect.DetectorSettings;
import io.smartcloudops.api.detect.DetectorState;
import io.smartcloudops.api.metric.SeriesId;
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
        return new Factory(SeasonalParameters.from(context.config()));
    }

    private record Factory(SeasonalParameters params) implements DetectorFactory {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Detector create(SeriesId series, DetectorSettings settings) {
            return new SeasonalDetector(params, settings);
        }

        @Override
        public Detector restore(DetectorState state) {
            if (!NAME.equals(state.detector())) {
                throw new IllegalArgumentException("state of detector '" + state.detector() + "' given to '" + NAME + "'");
            }
            return SeasonalDetector.restore(state);
        }
    }
}
