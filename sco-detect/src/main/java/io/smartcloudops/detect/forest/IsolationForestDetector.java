package io.smartcloudops.detect.forest;

import io.smartcloudops.api.detect.Detector;
import io.smartcloudops.api.detect.DetectorState;
import io.smartcloudops.api.detect.Score;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.detect.likelihood.AnomalyLikelihood;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/** Scores how easily the latest shingle is isolated, calibrated per series. Direction-agnostic: shapes have no sign. */
final class IsolationForestDetector implements Detector {
    static final int STATE_VERSION = 1;

    private final StreamingIsolationForest forest;
    private final AnomalyLikelihood likelihood;

    IsolationForestDetector(ForestParameters params, long seed) {
        this(new StreamingIsolationForest(params, seed), new AnomalyLikelihood(0.98, 2000, 100));
    }

    private IsolationForestDetector(StreamingIsolationForest forest, AnomalyLikelihood likelihood) {
        this.forest = forest;
        this.likelihood = likelihood;
    }

    @Override
    public Score update(Sample sample) {
        double isolation = forest.update(sample.value());
        double surprise = likelihood.surprisal(isolation);
        return new Score(AnomalyLikelihood.toScore(surprise), Double.NaN, Double.NaN, Double.NaN, "iforest",
                String.format(Locale.ROOT, "recent shape isolates with score %.2f (0.5 is ordinary)", isolation));
    }

    @Override
    public DetectorState snapshot() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            forest.writeTo(out);
            likelihood.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DetectorState(IsolationForestProvider.NAME, STATE_VERSION, bytes.toByteArray());
    }

    static IsolationForestDetector restore(DetectorState state) {
        if (state.version() != STATE_VERSION) {
            throw new IllegalArgumentException("iforest state version " + state.version() + " is not known; this build reads " + STATE_VERSION);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state.bytes()))) {
            return new IsolationForestDetector(StreamingIsolationForest.readFrom(in), AnomalyLikelihood.readFrom(in));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("corrupt iforest state: " + e.getMessage(), e);
        }
    }
}
