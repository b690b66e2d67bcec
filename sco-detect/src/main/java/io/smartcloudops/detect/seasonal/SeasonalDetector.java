package io.smartcloudops.detect.seasonal;

import io.smartcloudops.api.detect.DetectorSettings;
import io.smartcloudops.api.detect.DetectorState;
import io.smartcloudops.api.detect.Direction;
import io.smartcloudops.api.detect.Score;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.detect.likelihood.AnomalyLikelihood;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Scores each sample by how far it falls from the seasonal forecast, calibrated per series. */
final class SeasonalDetector implements ForecastingDetector {
    static final int STATE_VERSION = 1;

    private final Direction direction;
    private final SeasonalForecaster forecaster;
    private final AnomalyLikelihood likelihood;
    private long lastTimestamp = Long.MIN_VALUE;
    private double meanStepMillis;

    SeasonalDetector(SeasonalParameters params, DetectorSettings settings) {
        this(settings.direction(), new SeasonalForecaster(params), new AnomalyLikelihood(0.98, 2000, 100));
    }

    private SeasonalDetector(Direction direction, SeasonalForecaster forecaster, AnomalyLikelihood likelihood) {
        this.direction = direction;
        this.forecaster = forecaster;
        this.likelihood = likelihood;
    }

    @Override
    public Score update(Sample sample) {
        trackSpacing(sample.timestampMillis());
        double expected = forecaster.expectedNext();
        double band = 3.0 * forecaster.errorScale();
        double z = forecaster.update(sample.value());
        double counted = direction.counts(z) ? Math.abs(z) : 0.0;
        double surprise = likelihood.surprisal(counted);
        if (Double.isNaN(expected)) {
            return Score.none("warming up");
        }
        String reason = forecaster.period() > 0
                ? String.format(Locale.ROOT, "%.1f typical errors %s the seasonal forecast (season %d samples)", Math.abs(z),
                        z >= 0 ? "above" : "below", forecaster.period())
                : String.format(Locale.ROOT, "%.1f typical errors %s the trend forecast", Math.abs(z), z >= 0 ? "above" : "below");
        return new Score(AnomalyLikelihood.toScore(surprise), expected, expected - band, expected + band, "seasonal", reason);
    }

    private void trackSpacing(long t) {
        if (lastTimestamp != Long.MIN_VALUE && t > lastTimestamp) {
            double step = t - lastTimestamp;
            meanStepMillis = meanStepMillis == 0 ? step : meanStepMillis + 0.05 * (step - meanStepMillis);
        }
        lastTimestamp = t;
    }

    @Override
    public List<Forecast> forecast(int horizon) {
        return forecaster.forecast(horizon);
    }

    @Override
    public Optional<Duration> timeToThreshold(double threshold, int maxHorizon) {
        if (forecaster.count() == 0) {
            return Optional.empty();
        }
        // damped per unit of time, not per sample: at 5 s a sample, 0.995 a step faded a day's trend to a quarter of a percent
        double phi = meanStepMillis > 0 ? Math.exp(-meanStepMillis / SeasonalSeriesForecaster.TREND_MEMORY.toMillis()) : 1.0;
        return forecaster.stepsToThreshold(threshold, maxHorizon, phi).stream()
                .mapToObj(steps -> Duration.ofMillis(Math.round(steps * meanStepMillis))).findFirst();
    }

    @Override
    public DetectorState snapshot() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(direction.ordinal());
            forecaster.writeTo(out);
            likelihood.writeTo(out);
            out.writeLong(lastTimestamp);
            out.writeDouble(meanStepMillis);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DetectorState(SeasonalDetectorProvider.NAME, STATE_VERSION, bytes.toByteArray());
    }

    static SeasonalDetector restore(DetectorState state) {
        if (state.version() != STATE_VERSION) {
            throw new IllegalArgumentException("seasonal state version " + state.version() + " is not known; this build reads " + STATE_VERSION);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state.bytes()))) {
            Direction direction = Direction.values()[in.readByte()];
            SeasonalDetector d = new SeasonalDetector(direction, SeasonalForecaster.readFrom(in), AnomalyLikelihood.readFrom(in));
            d.lastTimestamp = in.readLong();
            d.meanStepMillis = in.readDouble();
            return d;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("corrupt seasonal state: " + e.getMessage(), e);
        }
    }
}
