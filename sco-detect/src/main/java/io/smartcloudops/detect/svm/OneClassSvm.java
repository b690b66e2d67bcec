package io.smartcloudops.detect.svm;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import org.tribuo.MutableDataset;
import org.tribuo.anomaly.AnomalyFactory;
import org.tribuo.anomaly.Event;
import org.tribuo.anomaly.liblinear.LibLinearAnomalyModel;
import org.tribuo.anomaly.liblinear.LibLinearAnomalyTrainer;
import org.tribuo.anomaly.liblinear.LinearAnomalyType;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * A one-class SVM with a Gaussian kernel, trained once with Tribuo's liblinear binding on the
 * shingles of the probationary window and frozen: it answers "does this shape look like the normal
 * period?". The kernel is approximated by random Fourier features (Rahimi and Recht, 2007) so the
 * linear solver applies and scoring costs one small matrix product; the feature map is regenerated
 * from the seed, so only the learnt weights are state.
 *
 * <pre>{@code
 * OneClassSvm svm = new OneClassSvm(SvmParameters.defaults(), seed);
 * double outside = svm.update(x);   // > 0 outside the learnt support, 0 while training
 * }</pre>
 */
public final class OneClassSvm {
    private static final OffsetDateTime PROVENANCE_TIME = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private final SvmParameters p;
    private final long seed;
    private final double[][] omega;
    private final double[] phase;
    private final double[] recent;
    private float[] training;
    private long count;
    private double mean;
    private double scale = 1;
    private double[] weights;
    private double rho;

    public OneClassSvm(SvmParameters params, long seed) {
        this.p = params;
        this.seed = seed;
        SplittableRandom random = new SplittableRandom(seed);
        this.omega = new double[params.features()][params.shingle()];
        this.phase = new double[params.features()];
        double sd = Math.sqrt(2 * params.gamma());
        for (int f = 0; f < params.features(); f++) {
            for (int d = 0; d < params.shingle(); d++) {
                omega[f][d] = gaussian(random) * sd;
            }
            phase[f] = random.nextDouble() * 2 * Math.PI;
        }
        this.recent = new double[params.shingle()];
        this.training = new float[params.trainWindow()];
    }

    private static double gaussian(SplittableRandom r) {
        double u = 1.0 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /** Scores the shingle ending with {@code x}: its distance outside the learnt support, 0 inside or while training. */
    public double update(double x) {
        recent[(int) (count % recent.length)] = x;
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
        double[] s = new double[p.shingle()];
        for (int i = 0; i < s.length; i++) {
            s[i] = (recent[(int) ((count - s.length + i) % recent.length)] - mean) / scale;
        }
        return Math.max(0.0, rho - dot(weights, features(s)));
    }

    public boolean trained() {
        return weights != null;
    }

    private double[] features(double[] shingle) {
        double[] phi = new double[p.features()];
        double norm = Math.sqrt(2.0 / p.features());
        for (int f = 0; f < phi.length; f++) {
            phi[f] = norm * Math.cos(dot(omega[f], shingle) + phase[f]);
        }
        return phi;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
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
        String[] names = new String[p.features()];
        for (int f = 0; f < names.length; f++) {
            names[f] = String.format(java.util.Locale.ROOT, "rff%03d", f);
        }
        AnomalyFactory factory = new AnomalyFactory();
        MutableDataset<Event> data = new MutableDataset<>(new SimpleDataSourceProvenance("probationary window", PROVENANCE_TIME, factory), factory);
        double[] s = new double[p.shingle()];
        for (int end = p.shingle() - 1; end < x.length; end++) {
            for (int i = 0; i < s.length; i++) {
                s[i] = (x[end - s.length + 1 + i] - mean) / scale;
            }
            data.add(new ArrayExample<>(new Event(Event.EventType.EXPECTED), names, features(s)));
        }
        LibLinearAnomalyTrainer trainer = new LibLinearAnomalyTrainer(new LinearAnomalyType(LinearAnomalyType.LinearType.ONECLASS_SVM),
                1.0, 1000, 0.01, p.nu(), seed);
        LibLinearAnomalyModel model = (LibLinearAnomalyModel) trainer.train(data);
        de.bwaldvogel.liblinear.Model inner = model.getInnerModels().get(0);
        double[] w = inner.getFeatureWeights();
        weights = new double[p.features()];
        for (int f = 0; f < names.length; f++) {
            int id = model.getFeatureIDMap().getID(names[f]);
            weights[f] = id >= 0 && id < w.length ? w[id] : 0.0;
        }
        rho = inner.getDecfunRho();
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
        SvmParameters params = SvmParameters.readFrom(in);
        OneClassSvm svm = new OneClassSvm(params, in.readLong());
        svm.count = in.readLong();
        for (int i = 0; i < svm.recent.length; i++) {
            svm.recent[i] = in.readDouble();
        }
        if (in.readBoolean()) {
            if (svm.count >= params.trainWindow()) {
                throw new IOException("training state with " + svm.count + " samples, window is " + params.trainWindow());
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
