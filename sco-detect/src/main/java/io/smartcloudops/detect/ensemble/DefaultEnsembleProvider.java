package io.smartcloudops.detect.ensemble;

import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.spi.DetectorProvider;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.detect.share.SharedParameters;
import io.smartcloudops.detect.svm.FeatureMaps;

/**
 * The default detector, registered as {@code default}: one calibrated anomaly likelihood from the
 * seasonal forecaster (its error, level shift and volatility), the streaming isolation forest, the
 * one-class SVM, record-breaking values and moving averages, and never-seen shapes of the last few
 * values, with a refractory memory and a quiet period after a confident alarm so that an incident is
 * reported once. A few microseconds a sample and under 16 KiB of state per series.
 *
 * <pre>{@code
 * # agent configuration, every key optional
 * detection:
 *   detector: default
 *   settings:
 *     tail_quantile: 0.99        # peaks-over-threshold level of the calibrators
 *     refractory_half_life: 150  # samples
 *     quiet_surprisal: 4.5       # a confident alarm: one-in-30,000
 *     quiet_samples: 30          # quiet period after it, in samples (never grows with uptime)
 *     weight_context: 2          # never-seen shapes of the last three values
 *     seasonal: {max_period: 320}
 * }</pre>
 */
public final class DefaultEnsembleProvider implements DetectorProvider {
    public static final String NAME = "default";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DetectorFactory create(ProviderContext context) {
        EnsembleParameters params = EnsembleParameters.from(context.config());
        // one feature map for all the factory's series of a seed, not one each
        FeatureMaps maps = new FeatureMaps();
        // and one instance of each equal parameter record among its detectors, new and restored (issue #15)
        SharedParameters shared = new SharedParameters();
        // and one copy of each explanation text
        ReasonTexts reasons = EnsembleDetector.texts();
        return DetectorFactory.of(
                NAME,
                (series, settings) -> new EnsembleDetector(params, settings, maps, shared, reasons),
                state -> EnsembleDetector.restore(state, maps, shared, reasons));
    }
}
