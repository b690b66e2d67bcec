package io.smartcloudops.detect.baseline;

import io.smartcloudops.api.detect.Detector;
import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.detect.DetectorSettings;
import io.smartcloudops.api.detect.DetectorState;
import io.smartcloudops.api.metric.SeriesId;
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
        return new Factory(EwmaParameters.from(context.config()));
    }

    private record Factory(EwmaParameters params) implements DetectorFactory {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Detector create(SeriesId series, DetectorSettings settings) {
            return new EwmaDetector(params, settings);
        }

        @Override
        public Detector restore(DetectorState state) {
            if (!NAME.equals(state.detector())) {
                throw new IllegalArgumentException("state of detector '" + state.detector() + "' given to '" + NAME + "'");
            }
            return EwmaDetector.restore(state);
        }
    }
}
