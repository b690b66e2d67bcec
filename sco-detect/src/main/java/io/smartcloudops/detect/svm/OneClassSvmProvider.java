package io.smartcloudops.detect.svm;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.spi.DetectorProvider;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.detect.likelihood.CalibrationParameters;
import io.smartcloudops.detect.share.SharedParameters;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One-class SVM (Tribuo liblinear on random Fourier features) over shingles, relearnt from a sliding
 * window and calibrated as the default is, registered as {@code ocsvm}: for new shapes in series with a
 * repeating one. Settings are {@link SvmParameters}' keys, {@code relearn_every} (samples between
 * relearning, at least {@code train_window}), and {@link CalibrationParameters}' under {@code calibration}.
 */
public final class OneClassSvmProvider implements DetectorProvider {
    public static final String NAME = "ocsvm";
    /**
     * The key of the samples between relearning the model from the last {@code train_window}: every
     * 600 (one window) scored 23.2 on NAB's development files, every 2,400 28.6, at a quarter of the
     * cost; cross-validated in docs/benchmarks/REPORT.md.
     */
    static final String RELEARN_EVERY = "relearn_every";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DetectorFactory create(ProviderContext context) {
        ProviderConfig config = context.config();
        Map<String, Object> own =
                new LinkedHashMap<>(CalibrationParameters.without(config).asMap());
        own.remove(RELEARN_EVERY);
        SvmParameters params = SvmParameters.from(ProviderConfig.of(config.path(), own));
        int relearnEvery =
                config.integer(RELEARN_EVERY, Math.max(OneClassSvmDetector.RELEARN_EVERY, params.trainWindow()));
        if (relearnEvery < params.trainWindow()) {
            throw new ConfigException("ocsvm: relearn_every must be at least train_window (" + params.trainWindow()
                    + "), got " + relearnEvery);
        }
        CalibrationParameters calibration = CalibrationParameters.of(config, OneClassSvmDetector.CALIBRATION);
        // one instance of each equal parameter record among the factory's restored detectors (issue #15)
        SharedParameters shared = new SharedParameters();
        // one copy of each random feature map (and each thread's scoring scratch) for all the factory's series
        FeatureMaps maps = new FeatureMaps();
        return DetectorFactory.of(
                NAME,
                (series, settings) -> new OneClassSvmDetector(params, relearnEvery, calibration, settings.seed(), maps),
                state -> OneClassSvmDetector.restore(state, maps, shared));
    }
}
