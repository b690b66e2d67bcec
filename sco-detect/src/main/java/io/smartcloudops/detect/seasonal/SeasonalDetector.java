package io.smartcloudops.detect.seasonal;

import io.smartcloudops.api.detect.DetectorSettings;
import io.smartcloudops.api.detect.DetectorState;
import io.smartcloudops.api.detect.Direction;
import io.smartcloudops.api.detect.Score;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.detect.likelihood.AnomalyLikelihood;
import io.smartcloudops.detect.likelihood.CalibratedScorer;
import io.smartcloudops.detect.likelihood.CalibrationParameters;
import io.smartcloudops.detect.share.SharedParameters;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * {@code seasonal}: is this value far from what the season and trend predict? The forecaster ({@link
 * SeasonalForecaster}: Holt-Winters with the season found by autocorrelation) gives the expected value
 * and a robust error scale; the raw measure is the forecast error in those scales ({@code |z|}, or only
 * the side the settings' direction counts), calibrated by {@link CalibratedScorer} as the default's
 * members are. For metrics with a daily or weekly rhythm (traffic, logins, queue depths) where a value
 * normal at noon is an incident at 3 a.m.; also shows the expected value and band, and forecasts.
 */
final class SeasonalDetector implements ForecastingDetector {
    /**
     * Version 3 dropped the sample spacing that only the streaming time-to-threshold used (that is {@link
     * SeasonalSeriesForecaster}'s job now); version 2 replaced version 1's bare tail fit with the calibrated scorer.
     * Version 4 holds the season as 16-bit codes (the forecaster's format 2), a quarter of its bytes.
     * Versions 1 to 3 are still read, the spacing of 1 and 2 skipped.
     */
    static final int STATE_VERSION = 4;
    /** Its calibration's defaults: tail quantile 0.99, the rarest cross-validated quantile whose threshold tracker settles within the first thousand samples after the learning window. */
    static final CalibrationParameters CALIBRATION =
            CalibrationParameters.defaults().withTailQuantile(0.99);

    private final Direction direction;
    private final SeasonalForecaster forecaster;
    private final CalibratedScorer calibration;

    SeasonalDetector(SeasonalParameters params, CalibrationParameters calibration, DetectorSettings settings) {
        this(settings.direction(), new SeasonalForecaster(params), new CalibratedScorer(calibration));
    }

    private SeasonalDetector(Direction direction, SeasonalForecaster forecaster, CalibratedScorer calibration) {
        this.direction = direction;
        this.forecaster = forecaster;
        this.calibration = calibration;
    }

    @Override
    public Score update(Sample sample) {
        double expected = forecaster.expectedNext();
        double band = 3.0 * forecaster.errorScale();
        double z = forecaster.update(sample.value());
        double counted = direction.counts(z) ? Math.abs(z) : 0.0;
        if (Double.isNaN(expected)) {
            // no forecast yet, so no error: the calibration learns errors only, not the learning window's zeros
            return Score.none("warming up");
        }
        double score = calibration.score(counted);
        String reason = forecaster.period() > 0
                ? String.format(
                        Locale.ROOT,
                        "%.1f typical errors %s the seasonal forecast (season %d samples)",
                        Math.abs(z),
                        z >= 0 ? "above" : "below",
                        forecaster.period())
                : String.format(
                        Locale.ROOT,
                        "%.1f typical errors %s the trend forecast",
                        Math.abs(z),
                        z >= 0 ? "above" : "below");
        return new Score(score, expected, expected - band, expected + band, "seasonal", reason);
    }

    @Override
    public List<Forecast> forecast(int horizon) {
        return forecaster.forecast(horizon);
    }

    /** The parameter records this detector scores with (a restored one: those its state was written with). */
    List<Record> parameters() {
        return List.of(forecaster.parameters(), calibration.parameters());
    }

    @Override
    public DetectorState snapshot() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(direction.ordinal());
            forecaster.writeTo(out);
            calibration.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DetectorState(SeasonalDetectorProvider.NAME, STATE_VERSION, bytes.toByteArray());
    }

    static SeasonalDetector restore(DetectorState state) {
        return restore(state, new SharedParameters());
    }

    /** Restores as {@link #restore(DetectorState)} does, with the parameters {@code shared} holds. */
    static SeasonalDetector restore(DetectorState state, SharedParameters shared) {
        if (state.version() < 1 || state.version() > STATE_VERSION) {
            throw new IllegalArgumentException("seasonal state version " + state.version()
                    + " is not known; this build reads 1 to " + STATE_VERSION);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state.bytes()))) {
            Direction direction = Direction.values()[in.readByte()];
            SeasonalForecaster forecaster = SeasonalForecaster.readFrom(in, state.version() < 4 ? 1 : 2, shared);
            CalibratedScorer calibration;
            if (state.version() == 1) {
                // version 1's tail fit was of the same error, but it had no gate: calibration starts afresh with the
                // defaults
                AnomalyLikelihood.readFrom(in);
                calibration = new CalibratedScorer(CALIBRATION);
            } else {
                calibration = CalibratedScorer.readFrom(in, shared);
            }
            if (state.version() < 3) {
                // the last timestamp and mean spacing of the streaming time-to-threshold, which is gone
                in.readLong();
                in.readDouble();
            }
            return new SeasonalDetector(direction, forecaster, calibration);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("corrupt seasonal state: " + e.getMessage(), e);
        }
    }
}
