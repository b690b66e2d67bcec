package io.smartcloudops.detect.svm;

import io.smartcloudops.api.detect.DetectorFactory;
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
        SvmParameters params = SvmParameters.from(context.config());
        return DetectorFactory.of(NAME, (series, settings) -> new OneClassSvmDetector(params, settings.seed()), OneClassSvmDetector::restore);
    }
}
