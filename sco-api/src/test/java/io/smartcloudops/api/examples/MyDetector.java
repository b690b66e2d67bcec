package io.smartcloudops.api.examples;

import io.smartcloudops.api.detect.Detector;
import io.smartcloudops.api.detect.DetectorSettings;
import io.smartcloudops.api.detect.DetectorState;
import io.smartcloudops.api.detect.Direction;
import io.smartcloudops.api.detect.Score;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.spi.ProviderConfig;
import java.nio.ByteBuffer;

/** The examples' own detector: an exponentially weighted mean, scored by the relative distance from it. */
final class MyDetector implements Detector {
    private static final int VERSION = 1;

    private final double alpha;
    private final DetectorSettings settings;
    private double mean;

    MyDetector(ProviderConfig params, DetectorSettings settings) {
        this(params.number("alpha", 0.1), settings, Double.NaN);
    }

    private MyDetector(double alpha, DetectorSettings settings, double mean) {
        this.alpha = alpha;
        this.settings = settings;
        this.mean = mean;
    }

    static MyDetector restore(DetectorState state) {
        if (state.version() != VERSION) {
            throw new IllegalArgumentException("mine cannot read state version " + state.version());
        }
        ByteBuffer b = ByteBuffer.wrap(state.bytes());
        double alpha = b.getDouble();
        Direction direction = Direction.values()[b.getInt()];
        long seed = b.getLong();
        return new MyDetector(alpha, new DetectorSettings(direction, seed), b.getDouble());
    }

    @Override
    public Score update(Sample sample) {
        if (Double.isNaN(mean)) {
            mean = sample.value();
            return Score.none("warming up");
        }
        double expected = mean;
        double deviation = sample.value() - expected;
        mean += alpha * deviation;
        double band = Math.abs(expected) * 0.5 + 1;
        double value = settings.direction().counts(deviation) ? Math.min(1, Math.abs(deviation) / (2 * band)) : 0;
        return new Score(value, expected, expected - band, expected + band, "mine", "distance from the moving mean");
    }

    @Override
    public DetectorState snapshot() {
        ByteBuffer b = ByteBuffer.allocate(8 + 4 + 8 + 8)
                .putDouble(alpha)
                .putInt(settings.direction().ordinal())
                .putLong(settings.seed())
                .putDouble(mean);
        return new DetectorState("mine", VERSION, b.array());
    }
}
