package io.smartcloudops.examples.embedding;

import io.smartcloudops.api.detect.Detector;
import io.smartcloudops.api.detect.DetectorState;
import io.smartcloudops.api.detect.Score;
import io.smartcloudops.api.metric.Sample;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A deliberately small detector: exponentially weighted mean and mean absolute deviation, and a
 * score that is the two-sided normal probability of the deviation (0.95 at about two deviations,
 * 0.997 at three). Enough to show what a plugin implements: update, snapshot, restore.
 */
final class SpikeDetector implements Detector {
    static final String NAME = "spike";
    private static final int VERSION = 1;
    private static final int WARM_UP = 20;
    private static final double ALPHA = 0.05;

    private long count;
    private double mean;
    private double deviation;

    @Override
    public Score update(Sample sample) {
        double x = sample.value();
        count++;
        if (count == 1) {
            mean = x;
            return Score.none("warming up");
        }
        double spread = Math.max(deviation * 1.2533, 1e-9 + Math.abs(mean) * 1e-6); // mean abs deviation → sigma
        double z = Math.abs(x - mean) / spread;
        Score score = count <= WARM_UP ? Score.none("warming up")
                : new Score(twoSidedProbability(z), mean, mean - 3 * spread, mean + 3 * spread, NAME, String.format("%.1f sigma", z));
        mean += ALPHA * (x - mean);
        deviation += ALPHA * (Math.abs(x - mean) - deviation);
        return score;
    }

    /** P(|Z| < z) for a standard normal Z, with Abramowitz and Stegun's erf (7.1.26). */
    static double twoSidedProbability(double z) {
        double t = 1 / (1 + 0.3275911 * z / Math.sqrt(2));
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        return Math.min(1, Math.max(0, 1 - poly * Math.exp(-z * z / 2)));
    }

    @Override
    public DetectorState snapshot() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(count);
            out.writeDouble(mean);
            out.writeDouble(deviation);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DetectorState(NAME, VERSION, bytes.toByteArray());
    }

    static Detector restore(DetectorState state) {
        if (state.version() != VERSION) {
            throw new IllegalArgumentException("spike detector state version " + state.version() + " is unknown; this build reads " + VERSION);
        }
        SpikeDetector d = new SpikeDetector();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state.bytes()))) {
            d.count = in.readLong();
            d.mean = in.readDouble();
            d.deviation = in.readDouble();
        } catch (IOException e) {
            throw new IllegalArgumentException("spike detector state is damaged: " + e.getMessage(), e);
        }
        return d;
    }
}
