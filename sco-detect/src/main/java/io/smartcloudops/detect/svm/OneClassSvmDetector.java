package io.smartcloudops.detect.svm;

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

/** Scores how far the latest shingle lies outside the normal shapes of the probationary window, calibrated per series. */
final class OneClassSvmDetector implements Detector {
    static final int STATE_VERSION = 1;

    private final OneClassSvm svm;
    private final AnomalyLikelihood likelihood;

    OneClassSvmDetector(SvmParameters params, long seed) {
        this(new OneClassSvm(params, seed), new AnomalyLikelihood(0.98, 2000, 100));
    }

    private OneClassSvmDetector(OneClassSvm svm, AnomalyLikelihood likelihood) {
        this.svm = svm;
        this.likelihood = likelihood;
    }

    @Override
    public Score update(Sample sample) {
        boolean trained = svm.trained();
        double outside = svm.update(sample.value());
        if (!trained) {
            return Score.none("learning the probationary window");
        }
        double surprise = likelihood.surprisal(outside);
        return new Score(AnomalyLikelihood.toScore(surprise), Double.NaN, Double.NaN, Double.NaN, "ocsvm",
                String.format(Locale.ROOT, "recent shape lies %.3f outside the support learnt in the probationary window", outside));
    }

    @Override
    public DetectorState snapshot() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            svm.writeTo(out);
            likelihood.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DetectorState(OneClassSvmProvider.NAME, STATE_VERSION, bytes.toByteArray());
    }

    static OneClassSvmDetector restore(DetectorState state) {
        if (state.version() != STATE_VERSION) {
            throw new IllegalArgumentException("ocsvm state version " + state.version() + " is not known; this build reads " + STATE_VERSION);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state.bytes()))) {
            return new OneClassSvmDetector(OneClassSvm.readFrom(in), AnomalyLikelihood.readFrom(in));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("corrupt ocsvm state: " + e.getMessage(), e);
        }
    }
}
