package io.smartcloudops.detect.baseline;

import io.smartcloudops.api.detect.Detector;
import io.smartcloudops.api.detect.DetectorSettings;
import io.smartcloudops.api.detect.DetectorState;
import io.smartcloudops.api.detect.Direction;
import io.smartcloudops.api.detect.Score;
import io.smartcloudops.api.metric.Sample;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Exponentially weighted mean and variance; the score is a logistic of the z-score. The cheap floor
 * every other detector must beat. Each sample is scored against the past only, then learned, with
 * its pull on the mean clipped so one spike cannot hide the next.
 */
final class EwmaDetector implements Detector {
    static final int STATE_VERSION = 1;

    private final EwmaParameters params;
    private final Direction direction;
    private long count;
    private double mean;
    private double variance;

    EwmaDetector(EwmaParameters params, DetectorSettings settings) {
        this.params = params;
        this.direction = settings.direction();
    }

    @Override
    public Score update(Sample sample) {
        double x = sample.value();
        if (count == 0) {
            mean = x;
            variance = 0;
            count = 1;
            return Score.none("warming up");
        }
        double sd = Math.sqrt(Math.max(variance, floor()));
        double deviation = x - mean;
        double z = deviation / sd;
        Score score;
        if (count < params.warmup()) {
            score = new Score(0.0, mean, mean - params.bandZ() * sd, mean + params.bandZ() * sd, "ewma", "warming up");
        } else {
            double counted = direction.counts(deviation) ? Math.abs(z) : 0.0;
            double value = 1.0 / (1.0 + Math.exp(-params.steepness() * (counted - params.bandZ())));
            score = new Score(
                    value,
                    mean,
                    mean - params.bandZ() * sd,
                    mean + params.bandZ() * sd,
                    "ewma",
                    DeviationPhrases.of(Math.abs(z), deviation >= 0));
        }
        learn(x, sd);
        return score;
    }

    private void learn(double x, double sd) {
        double alpha = Math.max(params.alpha(), 1.0 / (count + 1));
        double clip = params.clipZ() * sd;
        double bounded = Math.max(mean - clip, Math.min(mean + clip, x));
        double delta = bounded - mean;
        mean += alpha * delta;
        variance = (1 - alpha) * (variance + alpha * delta * delta);
        count++;
    }

    /** A variance floor relative to the level keeps constant series from dividing by zero. */
    private double floor() {
        double relative = 1e-3 * Math.abs(mean);
        return Math.max(1e-12, relative * relative);
    }

    @Override
    public DetectorState snapshot() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(direction.ordinal());
            params.writeTo(out);
            out.writeLong(count);
            out.writeDouble(mean);
            out.writeDouble(variance);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DetectorState(EwmaDetectorProvider.NAME, STATE_VERSION, bytes.toByteArray());
    }

    static EwmaDetector restore(DetectorState state) {
        if (state.version() != STATE_VERSION) {
            throw new IllegalArgumentException(
                    "ewma state version " + state.version() + " is not known; this build reads " + STATE_VERSION);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state.bytes()))) {
            Direction direction = Direction.values()[in.readByte()];
            EwmaParameters params = EwmaParameters.readFrom(in);
            EwmaDetector d =
                    new EwmaDetector(params, DetectorSettings.defaults().withDirection(direction));
            d.count = in.readLong();
            d.mean = in.readDouble();
            d.variance = in.readDouble();
            return d;
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("corrupt ewma state: " + e.getMessage(), e);
        }
    }
}
