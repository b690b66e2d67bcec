package io.smartcloudops.testkit.examples;

import io.smartcloudops.api.detect.Detector;
import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.detect.DetectorSettings;
import io.smartcloudops.api.detect.DetectorState;
import io.smartcloudops.api.detect.Score;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import java.nio.ByteBuffer;

/** The examples' detector: an exponentially weighted mean, scored by the relative distance from it. */
final class MyDetectorFactory implements DetectorFactory {
    static final String NAME = "mine";
    private static final int VERSION = 1;
    private static final double ALPHA = 0.1;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Detector create(SeriesId series, DetectorSettings settings) {
        return new MovingMean(Double.NaN);
    }

    @Override
    public Detector restore(DetectorState state) {
        if (state.version() != VERSION) {
            throw new IllegalArgumentException(NAME + " cannot read state version " + state.version());
        }
        return new MovingMean(ByteBuffer.wrap(state.bytes()).getDouble());
    }

    private static final class MovingMean implements Detector {
        private double mean;

        MovingMean(double mean) {
            this.mean = mean;
        }

        @Override
        public Score update(Sample sample) {
            if (Double.isNaN(mean)) {
                mean = sample.value();
                return Score.none("warming up");
            }
            double expected = mean;
            double deviation = sample.value() - expected;
            mean += ALPHA * deviation;
            double band = Math.abs(expected) * 0.5 + 1;
            return new Score(
                    Math.min(1, Math.abs(deviation) / (2 * band)),
                    expected,
                    expected - band,
                    expected + band,
                    NAME,
                    "distance from the moving mean");
        }

        @Override
        public DetectorState snapshot() {
            return new DetectorState(
                    NAME, VERSION, ByteBuffer.allocate(8).putDouble(mean).array());
        }
    }
}
