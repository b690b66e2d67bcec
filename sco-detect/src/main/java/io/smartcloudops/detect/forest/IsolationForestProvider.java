package io.smartcloudops.detect.forest;

import io.smartcloudops.api.detect.Detector;
import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.detect.DetectorSettings;
import io.smartcloudops.api.detect.DetectorState;
import io.smartcloudops.api.metric.SeriesId;
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
        return new Factory(ForestParameters.from(context.config()));
    }

    private record Factory(ForestParameters params) implements DetectorFactory {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Detector create(SeriesId series, DetectorSettings settings) {
            return new IsolationForestDetector(params, settings.seed());
        }

        @Override
        public Detector restore(DetectorState state) {
            if (!NAME.equals(state.detector())) {
                throw new IllegalArgumentException("state of detector '" + state.detector() + "' given to '" + NAME + "'");
            }
            return IsolationForestDetector.restore(state);
        }
    }
}
