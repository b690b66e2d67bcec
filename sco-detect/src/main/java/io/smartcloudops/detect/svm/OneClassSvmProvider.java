package io.smartcloudops.detect.svm;

import io.smartcloudops.api.detect.Detector;
import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.detect.DetectorSettings;
import io.smartcloudops.api.detect.DetectorState;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.api.spi.DetectorProvider;
import io.smartcloudops.api.spi.ProviderContext;

/** One-class SVM (Tribuo liblinear on random Fourier features) trained on the probationary window, registered as {@code ocsvm}. */
public final class OneClassSvmProvider implements DetectorProvider {
    public static final String NAME = "ocsvm";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DetectorFactory create(ProviderContext context) {
        return new Factory(SvmParameters.from(context.config()));
    }

    private record Factory(SvmParameters params) implements DetectorFactory {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Detector create(SeriesId series, DetectorSettings settings) {
            return new OneClassSvmDetector(params, settings.seed());
        }

        @Override
        public Detector restore(DetectorState state) {
            if (!NAME.equals(state.detector())) {
                throw new IllegalArgumentException("state of detector '" + state.detector() + "' given to '" + NAME + "'");
            }
            return OneClassSvmDetector.restore(state);
        }
    }
}
