package io.smartcloudops.detect.svm;

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
 * {@code ocsvm}: does the shape of the last eight samples lie outside the shapes of the recent past?
 * A one-class SVM ({@link OneClassSvm}) learns the support of the standardised shingles of the last
 * {@code train_window} samples and is relearnt from a sliding window of them every {@code relearn_every}
 * samples (2,400 by default), so that a lasting change of level or rhythm is an alarm once and then the new normal (a
 * model frozen after the first window, as version 1 had, called everything after any change
 * anomalous). The distance outside the support is calibrated by {@link CalibratedScorer}, as the
 * default's members are. For series whose normal behaviour is a repeating shape (request waves, batch
 * cycles) where a new shape, not a new value, is the incident. Direction-agnostic; no expected value.
 * State: the window of recent samples in single precision and the learnt weights (about 3 KB at the defaults).
 * Relearning costs a few milliseconds every {@code relearn_every} samples.
 */
final class OneClassSvmDetector implements Detector {
    /** Version 2 added the sliding window the model is relearnt from and the calibrated scorer; version 1 is still read. */
    static final int STATE_VERSION = 2;
    /** Its calibration's defaults: tail quantile 0.98, the rarest cross-validated quantile whose threshold tracker settles within the first thousand samples on the clipped distance, which is zero inside the support. */
    static final CalibrationParameters CALIBRATION =
            CalibrationParameters.defaults().withTailQuantile(0.98);

    /** Samples between relearning, by default four windows; see {@link OneClassSvmProvider}. */
    static final int RELEARN_EVERY = 2400;

    private final SvmParameters params;
    private final int relearnEvery;
    private final long seed;
    private final CalibratedScorer calibration;
    private final float[] window;
    /** The factory's feature maps: every model this detector learns, and every series' model, uses one copy. */
    private final FeatureMaps maps;

    private long count;
    private OneClassSvm svm;

    OneClassSvmDetector(SvmParameters params, int relearnEvery, CalibrationParameters calibration, long seed) {
        this(params, relearnEvery, calibration, seed, new FeatureMaps());
    }

    OneClassSvmDetector(
            SvmParameters params, int relearnEvery, CalibrationParameters calibration, long seed, FeatureMaps maps) {
        this(params, relearnEvery, seed, new OneClassSvm(params, seed, maps), new CalibratedScorer(calibration), maps);
    }

    private OneClassSvmDetector(
            SvmParameters params,
            int relearnEvery,
            long seed,
            OneClassSvm svm,
            CalibratedScorer calibration,
            FeatureMaps maps) {
        if (relearnEvery < params.trainWindow()) {
            throw new IllegalArgumentException("ocsvm: relearn_every must be at least train_window ("
                    + params.trainWindow() + "), got " + relearnEvery);
        }
        this.params = params;
        this.relearnEvery = relearnEvery;
        this.seed = seed;
        this.svm = svm;
        this.calibration = calibration;
        this.maps = maps;
        this.window = new float[params.trainWindow()];
    }

    @Override
    public Score update(Sample sample) {
        window[(int) (count % window.length)] = (float) sample.value();
        count++;
        boolean trained = svm.trained();
        double outside = svm.update(sample.value());
        if (count > window.length && count % relearnEvery == 0) {
            relearn();
        }
        if (!trained) {
            return Score.none("learning the first window of shapes");
        }
        double score = calibration.score(outside);
        return new Score(
                score,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                "ocsvm",
                String.format(
                        Locale.ROOT,
                        "recent shape lies %.3f outside the support learnt from the last %d samples, a one-in-%d surprise",
                        outside,
                        window.length,
                        Math.round(Math.pow(10, Math.min(calibration.lastSurprisal(), 15)))));
    }

    /** A model of the last window's shapes: a fresh SVM fed the window in order trains itself on its last sample. */
    private void relearn() {
        OneClassSvm next = new OneClassSvm(params, seed, maps);
        for (long i = count - window.length; i < count; i++) {
            next.update(window[(int) (i % window.length)]);
        }
        svm = next;
    }

    /** The model scoring now (the last one learnt). */
    OneClassSvm model() {
        return svm;
    }

    /** The parameter records this detector scores with (a restored one: those its state was written with). */
    List<Record> parameters() {
        return List.of(params, svm.parameters(), calibration.parameters());
    }

    @Override
    public DetectorState snapshot() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            svm.writeTo(out);
            calibration.writeTo(out);
            out.writeInt(relearnEvery);
            out.writeLong(count);
            int kept = (int) Math.min(count, window.length);
            for (long i = count - kept; i < count; i++) {
                out.writeFloat(window[(int) (i % window.length)]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DetectorState(OneClassSvmProvider.NAME, STATE_VERSION, bytes.toByteArray());
    }

    /**
     * Reads versions 1 and 2. A version 1 state keeps its frozen model until a window of new samples
     * has been seen, then relearns; its tail fit was of the same distance, but calibration starts
     * afresh with the defaults, as a new gate must.
     */
    static OneClassSvmDetector restore(DetectorState state) {
        return restore(state, new SharedParameters());
    }

    /** Restores as {@link #restore(DetectorState)} does, with the parameters {@code shared} holds. */
    static OneClassSvmDetector restore(DetectorState state, SharedParameters shared) {
        return restore(state, new FeatureMaps(), shared);
    }

    /** Restores as {@link #restore(DetectorState)} does, with the factory's feature maps and shared parameters. */
    static OneClassSvmDetector restore(DetectorState state, FeatureMaps maps, SharedParameters shared) {
        if (state.version() < 1 || state.version() > STATE_VERSION) {
            throw new IllegalArgumentException(
                    "ocsvm state version " + state.version() + " is not known; this build reads 1 to " + STATE_VERSION);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state.bytes()))) {
            OneClassSvm svm = OneClassSvm.readFrom(in, maps, shared);
            SvmParameters params = svm.parameters();
            if (state.version() == 1) {
                AnomalyLikelihood.readFrom(in);
                OneClassSvmDetector d = new OneClassSvmDetector(
                        params,
                        Math.max(RELEARN_EVERY, params.trainWindow()),
                        svm.seed(),
                        svm,
                        new CalibratedScorer(CALIBRATION),
                        maps);
                // the version 1 state kept no window: the frozen model serves until one has been seen
                d.count = svm.trained() ? 0 : svm.count();
                d.seedWindowFromTraining(svm);
                return d;
            }
            CalibratedScorer calibration = CalibratedScorer.readFrom(in, shared);
            OneClassSvmDetector d = new OneClassSvmDetector(params, in.readInt(), svm.seed(), svm, calibration, maps);
            d.count = in.readLong();
            if (d.count < 0) {
                throw new IOException("negative sample count " + d.count);
            }
            int kept = (int) Math.min(d.count, d.window.length);
            for (long i = d.count - kept; i < d.count; i++) {
                d.window[(int) (i % d.window.length)] = in.readFloat();
            }
            return d;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("corrupt ocsvm state: " + e.getMessage(), e);
        }
    }

    /** A version 1 state still training holds its samples so far, which are this detector's window so far. */
    private void seedWindowFromTraining(OneClassSvm training) {
        if (!training.trained()) {
            training.copyTraining(window);
        }
    }
}
