package io.smartcloudops.detect.ensemble;

import io.smartcloudops.api.detect.Detector;
import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.detect.DetectorSettings;
import io.smartcloudops.api.detect.DetectorState;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.api.spi.DetectorProvider;
import io.smartcloudops.api.spi.ProviderContext;

/**
 * The default detector, registered as {@code default}: one calibrated anomaly likelihood from the
 * seasonal forecaster (its error, level shift and volatility), the streaming isolation forest, the
 * one-class SVM and record-breaking values, with a refractory memory so that an incident is reported
 * once. About two microseconds a sample and under 16 KiB of state per series.
 *
 * <pre>{@code
 * # agent configuration, every key optional
 * detectors:
 *   default:
 *     tail_quantile: 0.99        # peaks-over-threshold level of the calibrators
 *     refractory_half_life: 150  # samples
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
        return new Factory(EnsembleParameters.from(context.config()));
    }

    private record Factory(EnsembleParameters params) implements DetectorFactory {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Detector create(SeriesId series, DetectorSettings settings) {
            return new EnsembleDetector(params, settings);
        }

        @Override
        public Detector restore(DetectorState state) {
            if (!NAME.equals(state.detector())) {
                throw new IllegalArgumentException("state of detector '" + state.detector() + "' given to '" + NAME + "'");
            }
            return EnsembleDetector.restore(state);
        }
    }
}
