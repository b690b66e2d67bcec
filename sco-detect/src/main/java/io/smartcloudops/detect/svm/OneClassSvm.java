package io.smartcloudops.detect.svm;

import de.bwaldvogel.liblinear.FeatureNode;
import io.smartcloudops.detect.share.SharedParameters;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * A one-class SVM with a Gaussian kernel, trained once with Tribuo's liblinear binding on the
 * shingles of the probationary window and frozen: it answers "does this shape look like the normal
 * period?". The kernel is approximated by random Fourier features (Rahimi and Recht, 2007) so the
 * linear solver applies and scoring costs one small matrix product; the feature map is regenerated
 * from the seed, so only the learnt weights are state (and models of one seed share it, see {@link
 * FeatureMaps}). Scoring allocates nothing, and its cosines come
 * from {@link FastCosine}: at every sample the library's cost more than the rest of the ensemble.
 * Training skips Tribuo's dataset machinery (see {@link ProbationTrainer}) but learns the same model.
 *
 * <pre>{@code
 * OneClassSvm svm = new OneClassSvm(SvmParameters.defaults(), seed);
 * double outside = svm.update(x); // > 0 outside the learnt support, 0 while training
 * }</pre>
 */
public final class OneClassSvm {
    private final SvmParameters p;
    private final long seed;
    /**
     * The feature map (its frequencies position-major, see {@link FeatureMaps.FeatureMap}), its norm and
     * each thread's scratch: shared with the other models of these parameters and seed, one reference
     * where the map's parts were a field each (issue #15).
     */
    private final FeatureMaps.FeatureMap map;

    private final double[] recent;

    private float[] training;
    private long count;
    private double mean;
    private double scale = 1;
    private double[] weights;
    private double rho;
    /** {@code rho - decision} of the last scored shingle, negative inside the support; derived, not state. */
    private double margin;

    /** A model with a feature map of its own. */
    public OneClassSvm(SvmParameters params, long seed) {
        this(params, seed, new FeatureMaps());
    }

    /** A model whose feature map is {@code maps}' (shared with the other models of those parameters and seed). */
    public OneClassSvm(SvmParameters params, long seed, FeatureMaps maps) {
        this.p = params;
        this.seed = seed;
        this.map = maps.of(params, seed);
        this.recent = new double[params.shingle()];
        this.training = new float[params.trainWindow()];
    }

    /** Whether this model and {@code other} score with one copy of the same feature map (not a copy each). */
    boolean sharesFeaturesWith(OneClassSvm other) {
        return map.omega() == other.map.omega();
    }

    /** Scores the shingle ending with {@code x}: its distance outside the learnt support, 0 inside or while training. */
    public double update(double x) {
        recent[position(count, recent.length)] = x;
        if (training != null) {
            training[(int) count] = (float) x;
        }
        count++;
        if (training != null) {
            if (count == training.length) {
                train();
            }
            return 0.0;
        }
        double[][] scratch = map.scratch().get();
        double[] work = scratch[0];
        double[] phase = map.phase();
        double norm = map.norm();
        int shingle = recent.length;
        int oldest = position(count, shingle);
        for (int i = 0; i < shingle; i++) {
            int slot = oldest + i;
            work[i] = (recent[slot < shingle ? slot : slot - shingle] - mean) / scale;
        }
        project(work);
        FastCosine.cosines(work, shingle, phase, scratch[1]);
        double decision = 0;
        for (int f = 0; f < weights.length; f++) {
            decision += weights[f] * (norm * work[shingle + f]);
        }
        margin = rho - decision;
        return Math.max(0.0, margin);
    }

    /**
     * {@code count % length} for a sample count: a mask when the length is a power of two (the default
     * shingle is), where a 64-bit division twice a sample was a noticeable share of scoring.
     */
    private static int position(long count, int length) {
        return (length & (length - 1)) == 0 ? (int) count & (length - 1) : (int) (count % length);
    }

    /**
     * The signed margin of the last scored shingle, {@code rho - decision}: positive outside the learnt
     * support, negative (and more so the deeper) inside, 0 while training. Unlike {@link #update}'s
     * clipped distance it still orders the shapes inside the support, which a tail calibration needs.
     */
    public double margin() {
        return margin;
    }

    public SvmParameters parameters() {
        return p;
    }

    public long seed() {
        return seed;
    }

    /** Samples seen, training ones included. */
    public long count() {
        return count;
    }

    /** Copies the samples gathered for training so far into {@code into} (nothing once trained). */
    void copyTraining(float[] into) {
        if (training != null) {
            System.arraycopy(training, 0, into, 0, (int) Math.min(count, into.length));
        }
    }

    public boolean trained() {
        return weights != null;
    }

    /**
     * Projects the standardised shingle at the start of {@code work} on every feature's frequencies,
     * into {@code work} after it. Four features at a time, each summed in a register from 0 over the
     * shingle's positions in order: the same additions in the same order as accumulating every feature
     * in {@code work} position by position, so the same bits, at about half the cost (a loop of 24 over
     * {@code work} ran mostly in the compiler's scalar pre- and post-loops, loading and storing each sum
     * at every position).
     */
    private void project(double[] work) {
        int shingle = recent.length;
        double[] omega = map.omega();
        int features = map.phase().length;
        int f = 0;
        for (; f + 4 <= features; f += 4) {
            double a0 = 0.0;
            double a1 = 0.0;
            double a2 = 0.0;
            double a3 = 0.0;
            for (int d = 0; d < shingle; d++) {
                double v = work[d];
                int at = d * features + f;
                a0 += omega[at] * v;
                a1 += omega[at + 1] * v;
                a2 += omega[at + 2] * v;
                a3 += omega[at + 3] * v;
            }
            work[shingle + f] = a0;
            work[shingle + f + 1] = a1;
            work[shingle + f + 2] = a2;
            work[shingle + f + 3] = a3;
        }
        for (; f < features; f++) {
            double a = 0.0;
            for (int d = 0; d < shingle; d++) {
                a += omega[d * features + f] * work[d];
            }
            work[shingle + f] = a;
        }
    }

    private void train() {
        double[] x = new double[training.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = training[i];
        }
        training = null;
        double m = 0;
        for (double v : x) {
            m += v;
        }
        m /= x.length;
        double var = 0;
        for (double v : x) {
            var += (v - m) * (v - m);
        }
        mean = m;
        scale = Math.max(Math.sqrt(var / x.length), 1e-9 + 1e-6 * Math.abs(m));
        int shingle = p.shingle();
        double[] work = map.scratch().get()[0];
        double[] phase = map.phase();
        double norm = map.norm();
        // the feature nodes are the thread's, refilled for each model it trains: a fresh set was 15,000
        // objects (about 480 KB) for every series, the training's largest cost after the solver (issue #14)
        FeatureNode[][] rows = map.trainingRows().get();
        for (int end = shingle - 1; end < x.length; end++) {
            for (int i = 0; i < shingle; i++) {
                work[i] = (x[end - shingle + 1 + i] - mean) / scale;
            }
            project(work);
            FeatureNode[] phi = rows[end - shingle + 1];
            for (int f = 0; f < p.features(); f++) {
                // the library cosine here: the solver is sensitive enough to last-bit differences to move NAB's
                // scores by a few hundredths, and training happens once
                phi[f].setValue(norm * Math.cos(work[shingle + f] + phase[f]));
            }
        }
        double[] fitted = new ProbationTrainer(p.nu(), seed).fit(rows, p.features());
        weights = Arrays.copyOf(fitted, p.features());
        rho = fitted[p.features()];
    }

    public void writeTo(DataOutput out) throws IOException {
        p.writeTo(out);
        out.writeLong(seed);
        out.writeLong(count);
        for (double v : recent) {
            out.writeDouble(v);
        }
        out.writeBoolean(training != null);
        if (training != null) {
            for (int i = 0; i < count; i++) {
                out.writeFloat(training[i]);
            }
        } else {
            out.writeDouble(mean);
            out.writeDouble(scale);
            out.writeDouble(rho);
            for (double w : weights) {
                out.writeDouble(w);
            }
        }
    }

    public static OneClassSvm readFrom(DataInput in) throws IOException {
        return readFrom(in, new FeatureMaps());
    }

    /** Reads a model whose feature map is {@code maps}'. */
    public static OneClassSvm readFrom(DataInput in, FeatureMaps maps) throws IOException {
        return readFrom(in, maps, new SharedParameters());
    }

    /** Reads a model whose feature map is {@code maps}' and whose parameters {@code shared} holds. */
    public static OneClassSvm readFrom(DataInput in, FeatureMaps maps, SharedParameters shared) throws IOException {
        SvmParameters params = shared.canonical(SvmParameters.readFrom(in));
        OneClassSvm svm = new OneClassSvm(params, in.readLong(), maps);
        svm.count = in.readLong();
        for (int i = 0; i < svm.recent.length; i++) {
            svm.recent[i] = in.readDouble();
        }
        if (in.readBoolean()) {
            if (svm.count >= params.trainWindow()) {
                throw new IOException(
                        "training state with " + svm.count + " samples, window is " + params.trainWindow());
            }
            for (int i = 0; i < svm.count; i++) {
                svm.training[i] = in.readFloat();
            }
        } else {
            svm.training = null;
            svm.mean = in.readDouble();
            svm.scale = in.readDouble();
            svm.rho = in.readDouble();
            svm.weights = new double[params.features()];
            for (int i = 0; i < svm.weights.length; i++) {
                svm.weights[i] = in.readDouble();
            }
        }
        return svm;
    }
}
