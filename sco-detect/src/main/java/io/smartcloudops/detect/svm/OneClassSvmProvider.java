package io.smartcloudops.detect.svm;

import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.spi.DetectorProvider;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.detect.likelihood.CalibrationParameters;

/**
 * One-class SVM (Tribuo liblinear on random Fourier features) over shingles, relearnt from a sliding
 * window and calibrated as the default is, registered as {@code ocsvm}: for new shapes in series with a
 * repeating one. Settings are {@link SvmParameters}' keys, and {@link CalibrationParameters}' under {@code calibration}.
 */
public final class OneClassSvmProvider implements DetectorProvider {
    public static final String NAME = "ocsvm";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DetectorFactory create(ProviderContext context) {
        SvmParameters params = SvmParameters.from(CalibrationParameters.without(context.config()));
        CalibrationParameters calibration = CalibrationParameters.of(context.config(), OneClassSvmDetector.CALIBRATION);
        return DetectorFactory.of(NAME, (series, settings) -> new OneClassSvmDetector(params, calibration, settings.seed()),
                OneClassSvmDetector::restore);
    }
}
