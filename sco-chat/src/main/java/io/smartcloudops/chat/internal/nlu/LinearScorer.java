package io.smartcloudops.chat.internal.nlu;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.common.sgd.AbstractLinearSGDModel;
import org.tribuo.math.la.DenseMatrix;

/**
 * What a trained Tribuo logistic regression computes, kept as plain arrays: a weight per label and
 * known feature plus a bias, and a softmax over the sums. It is what the engine runs, whether the
 * model was just trained or read from the bundled file, so a loaded model answers exactly as the
 * trained one did; and it writes itself as names and weights, with none of the feature statistics
 * and provenance a Tribuo model carries.
 *
 * <p>The weights are rounded to 8 bits, on a scale of their own for each label (the largest
 * weight of the label is 127 steps), when they are taken from the trained model, not only when
 * written: the model measured in cross-validation is the one shipped. A step is about 0.02 on
 * weights up to about 3, and each feature block has unit length, so a label's score moves by
 * about 0.01, well below the gaps that decide. It keeps the bundled file at a quarter of the
 * size of 32-bit weights. Immutable.
 */
final class LinearScorer {

    private final String[] labels;
    private final String[] features;
    private final Map<String, Integer> index;
    /** Row-major, one row per label of {@code features.length + 1} weights, the bias last. */
    private final byte[] steps;
    /** The weight of one step, per label. */
    private final float[] scales;
    /** {@code steps} times their label's scale, as the scores use them. */
    private final float[] weights;

    private LinearScorer(String[] labels, String[] features, byte[] steps, float[] scales) {
        if (steps.length != labels.length * (features.length + 1) || scales.length != labels.length) {
            throw new IllegalArgumentException("expected " + labels.length * (features.length + 1) + " weights and "
                    + labels.length + " scales, got " + steps.length + " and " + scales.length);
        }
        this.labels = labels;
        this.features = features;
        this.steps = steps;
        this.scales = scales;
        int width = features.length + 1;
        this.weights = new float[steps.length];
        for (int i = 0; i < steps.length; i++) {
            weights[i] = steps[i] * scales[i / width];
        }
        this.index = new HashMap<>(features.length * 2);
        for (int i = 0; i < features.length; i++) {
            index.put(features[i], i);
        }
    }

    /** The weights of a trained linear SGD model, in its own feature and label order. */
    static LinearScorer of(Model<Label> model) {
        if (!(model instanceof AbstractLinearSGDModel<?> linear)) {
            throw new IllegalArgumentException(
                    "not a linear model: " + model.getClass().getName());
        }
        ImmutableFeatureMap fm = model.getFeatureIDMap();
        ImmutableOutputInfo<Label> outputs = model.getOutputIDInfo();
        String[] features = new String[fm.size()];
        for (int i = 0; i < features.length; i++) {
            features[i] = fm.get(i).getName();
        }
        String[] labels = new String[outputs.size()];
        for (int k = 0; k < labels.length; k++) {
            labels[k] = outputs.getOutput(k).getLabel();
        }
        DenseMatrix w = linear.getWeightsCopy();
        int width = features.length + 1;
        if (w.getDimension1Size() != labels.length || w.getDimension2Size() != width) {
            throw new IllegalStateException("weights are " + w.getDimension1Size() + "x" + w.getDimension2Size()
                    + ", expected " + labels.length + "x" + width);
        }
        byte[] steps = new byte[labels.length * width];
        float[] scales = new float[labels.length];
        for (int k = 0; k < labels.length; k++) {
            double max = 0;
            for (int j = 0; j < width; j++) {
                max = Math.max(max, Math.abs(w.get(k, j)));
            }
            scales[k] = max == 0 ? 1f : (float) (max / 127);
            for (int j = 0; j < width; j++) {
                steps[k * width + j] = (byte) Math.round(w.get(k, j) / scales[k]);
            }
        }
        return new LinearScorer(labels, features, steps, scales);
    }

    String[] labels() {
        return labels.clone();
    }

    int featureCount() {
        return features.length;
    }

    /** Whether any feature of the example was seen in training; with none there is no evidence at all. */
    boolean knowsAny(Example<Label> example) {
        for (Feature f : example) {
            if (index.containsKey(f.getName())) {
                return true;
            }
        }
        return false;
    }

    /** The probability of each label, in {@link #labels()} order; features never seen in training are ignored. */
    double[] probabilities(Example<Label> example) {
        int width = features.length + 1;
        double[] z = new double[labels.length];
        for (int k = 0; k < labels.length; k++) {
            z[k] = weights[k * width + features.length];
        }
        for (Feature f : example) {
            Integer j = index.get(f.getName());
            if (j != null) {
                for (int k = 0; k < labels.length; k++) {
                    z[k] += weights[k * width + j] * f.getValue();
                }
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int k = 0; k < z.length; k++) {
            z[k] = Math.exp(z[k] - max);
            sum += z[k];
        }
        for (int k = 0; k < z.length; k++) {
            z[k] /= sum;
        }
        return z;
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(labels.length);
        for (String l : labels) {
            out.writeUTF(l);
        }
        out.writeInt(features.length);
        for (String f : features) {
            out.writeUTF(f);
        }
        for (float scale : scales) {
            out.writeFloat(scale);
        }
        out.write(steps);
    }

    static LinearScorer read(DataInputStream in) throws IOException {
        String[] labels = new String[checkedCount(in.readInt(), "labels")];
        for (int k = 0; k < labels.length; k++) {
            labels[k] = in.readUTF();
        }
        String[] features = new String[checkedCount(in.readInt(), "features")];
        for (int i = 0; i < features.length; i++) {
            features[i] = in.readUTF();
        }
        float[] scales = new float[labels.length];
        for (int k = 0; k < scales.length; k++) {
            scales[k] = in.readFloat();
        }
        byte[] steps = new byte[labels.length * (features.length + 1)];
        in.readFully(steps);
        return new LinearScorer(labels, features, steps, scales);
    }

    /** A corrupt count would otherwise allocate gigabytes before the stream runs out. */
    private static int checkedCount(int n, String what) throws IOException {
        if (n < 1 || n > 1 << 20) {
            throw new IOException("implausible number of " + what + ": " + n);
        }
        return n;
    }
}
