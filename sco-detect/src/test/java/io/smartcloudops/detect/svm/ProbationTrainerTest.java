package io.smartcloudops.detect.svm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tribuo.MutableDataset;
import org.tribuo.anomaly.AnomalyFactory;
import org.tribuo.anomaly.Event;
import org.tribuo.anomaly.liblinear.LibLinearAnomalyModel;
import org.tribuo.anomaly.liblinear.LibLinearAnomalyTrainer;
import org.tribuo.anomaly.liblinear.LinearAnomalyType;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

class ProbationTrainerTest {

    /** The model must be the one Tribuo's own {@code train(dataset)} gives, to the last bit: the ensemble's scores depend on it. */
    @Test
    void learnsExactlyWhatTrainingThroughATribuoDatasetLearns() {
        int features = 24;
        long seed = 1234;
        SplittableRandom r = new SplittableRandom(3);
        double[][] rows = new double[400][features];
        for (double[] row : rows) {
            for (int f = 0; f < features; f++) {
                row[f] = Math.sqrt(2.0 / features) * Math.cos(3 * r.nextGaussian() + r.nextDouble() * 2 * Math.PI);
            }
        }

        double[] direct = new ProbationTrainer(0.05, seed).fit(rows, features);

        String[] names = new String[features];
        for (int f = 0; f < features; f++) {
            names[f] = String.format(Locale.ROOT, "rff%03d", f);
        }
        AnomalyFactory factory = new AnomalyFactory();
        MutableDataset<Event> data = new MutableDataset<>(
                new SimpleDataSourceProvenance(
                        "rows", OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), factory),
                factory);
        for (double[] row : rows) {
            data.add(new ArrayExample<>(new Event(Event.EventType.EXPECTED), names, row));
        }
        LibLinearAnomalyModel model = (LibLinearAnomalyModel) new LibLinearAnomalyTrainer(
                        new LinearAnomalyType(LinearAnomalyType.LinearType.ONECLASS_SVM), 1.0, 1000, 0.01, 0.05, seed)
                .train(data);
        de.bwaldvogel.liblinear.Model inner = model.getInnerModels().get(0);
        double[] w = inner.getFeatureWeights();
        for (int f = 0; f < features; f++) {
            assertThat(direct[f])
                    .as("weight %d", f)
                    .isEqualTo(w[model.getFeatureIDMap().getID(names[f])]);
        }
        assertThat(direct[features]).as("rho").isEqualTo(inner.getDecfunRho());
    }
}
