package io.smartcloudops.detect.forest;

import io.smartcloudops.api.detect.Detector;
import io.smartcloudops.api.detect.DetectorState;
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
 * {@code iforest}: is the shape of the last few samples one the series has not shown before? The
 * streaming isolation forest ({@link StreamingIsolationForest}) judges the shingle of the last eight
 * samples against a sliding reservoir of past shingles; the raw measure is the inverse of its expected
 * path length relative to an ordinary point's ({@code 1} for an ordinary shape, growing without bound
 * as a shape is cut off sooner: unlike the bounded isolation score it leaves the tail fit room), and
 * {@link CalibratedScorer} turns that into the calibrated score the default uses. For unlabelled shapes
 * of any kind: spikes, dips, jumps, a changed rhythm. Direction-agnostic: shapes have no sign; it has
 * no expected value or band to show. State about 10 KB (the reservoir and six trees).
 */
final class IsolationForestDetector implements Detector {
    /**
     * Version 2: the calibrated scorer replaced version 1's bare tail fit; version 3 writes the forest's
     * trees compactly (its format 2); versions 1 and 2 are still read.
     */
    static final int STATE_VERSION = 3;
    /** Its calibration's defaults: tail quantile 0.995, the rarest cross-validated one; the forest's open-tailed measure lets its threshold tracker settle within the first thousand samples. */
    static final CalibrationParameters CALIBRATION =
            CalibrationParameters.defaults().withTailQuantile(0.995);

    private final StreamingIsolationForest forest;
    private final CalibratedScorer calibration;

    IsolationForestDetector(ForestParameters params, CalibrationParameters calibration, long seed) {
        this(new StreamingIsolationForest(params, seed), new CalibratedScorer(calibration));
    }

    private IsolationForestDetector(StreamingIsolationForest forest, CalibratedScorer calibration) {
        this.forest = forest;
        this.calibration = calibration;
    }

    @Override
    public Score update(Sample sample) {
        double isolation = forest.update(sample.value(), true);
        // the isolation score is 2^-(path / ordinary path); its inverse ratio has an open tail
        double relativePath = -Math.log(isolation) / Math.log(2);
        double raw = relativePath > 1e-6 ? 1.0 / relativePath : 1e6;
        double score = calibration.score(raw);
        return new Score(
                score,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                "iforest",
                String.format(
                        Locale.ROOT,
                        "recent shape isolates with score %.2f (0.5 is ordinary), a one-in-%d surprise",
                        isolation,
                        Math.round(Math.pow(10, Math.min(calibration.lastSurprisal(), 15)))));
    }

    /** The parameter records this detector scores with (a restored one: those its state was written with). */
    List<Record> parameters() {
        return List.of(forest.parameters(), calibration.parameters());
    }

    @Override
    public DetectorState snapshot() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16384);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            forest.writeTo(out);
            calibration.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DetectorState(IsolationForestProvider.NAME, STATE_VERSION, bytes.toByteArray());
    }

    /**
     * Reads versions 1 to 3. A version 1 state keeps its forest (and the shape it was built with); its
     * tail fit was of the bounded isolation score, so the calibration starts afresh with the defaults.
     */
    static IsolationForestDetector restore(DetectorState state) {
        return restore(state, new SharedParameters());
    }

    /** Restores as {@link #restore(DetectorState)} does, with the parameters {@code shared} holds. */
    static IsolationForestDetector restore(DetectorState state, SharedParameters shared) {
        if (state.version() < 1 || state.version() > STATE_VERSION) {
            throw new IllegalArgumentException("iforest state version " + state.version()
                    + " is not known; this build reads 1 to " + STATE_VERSION);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state.bytes()))) {
            StreamingIsolationForest forest =
                    StreamingIsolationForest.readFrom(in, state.version() < 3 ? 1 : 2, shared);
            if (state.version() == 1) {
                AnomalyLikelihood.readFrom(in);
                return new IsolationForestDetector(forest, new CalibratedScorer(CALIBRATION));
            }
            return new IsolationForestDetector(forest, CalibratedScorer.readFrom(in, shared));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("corrupt iforest state: " + e.getMessage(), e);
        }
    }
}
