package io.smartcloudops.chat.internal.nlu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/** The learned model shipped as a resource: current, complete, and read back as it was written. */
class BundledModelTest {

    private static final String RETRAIN =
            "the bundled model is stale: retrain it with BundledModelTrainer (its Javadoc has the command)";

    @Test
    void bundledModelWasTrainedOnTheTrainingDataTheCodeProducesNow() {
        LearnedIntentModel bundled = BundledModel.load();
        assertThat(bundled.hasIntents()).isTrue();
        assertThat(bundled.fingerprint()).as(RETRAIN).isEqualTo(BundledModel.expectedFingerprint());
    }

    @Test
    void writtenModelReadsBackWithTheSamePredictions() throws IOException {
        List<LearnedIntentModel.Sample> samples = new ArrayList<>();
        List<LearnedIntentModel.ActSample> acts = new ArrayList<>();
        for (LabelledUtterance u : UtteranceGenerator.bundled().generate(2, 3)) {
            float[] pseudo = {u.text().length() % 7 / 7f, u.family().length() % 5 / 5f};
            samples.add(new LearnedIntentModel.Sample(u.text().toLowerCase(Locale.ROOT), pseudo, u.intent()));
            acts.add(new LearnedIntentModel.ActSample(u.text().toLowerCase(Locale.ROOT), u.act()));
        }
        LearnedIntentModel trained = LearnedIntentModel.train(samples, acts, 5);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        trained.write(bytes);
        LearnedIntentModel read = LearnedIntentModel.read(new ByteArrayInputStream(bytes.toByteArray()));
        assertThat(read.fingerprint()).isEqualTo(trained.fingerprint());
        for (LearnedIntentModel.Sample s : samples) {
            assertThat(read.predict(s.text(), s.embedding())).isEqualTo(trained.predict(s.text(), s.embedding()));
            assertThat(read.act(s.text())).isEqualTo(trained.act(s.text()));
        }
    }

    @Test
    void eightBitWeightsScoreAsTribuosOwnPredictionDoes() {
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("acts", factory), factory);
        List<LabelledUtterance> corpus = UtteranceGenerator.bundled().generate(2, 9);
        for (LabelledUtterance u : corpus) {
            data.add(LearnedIntentModel.actExample(new Label(u.act().name()), u.text()));
        }
        var model = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.5, 0.1), 5, -1, 1, 3).train(data);
        LinearScorer scorer = LinearScorer.of(model);
        String[] labels = scorer.labels();
        for (LabelledUtterance u : corpus) {
            Example<Label> e = LearnedIntentModel.actExample(LabelFactory.UNKNOWN_LABEL, u.text());
            Prediction<Label> p = model.predict(e);
            double[] ours = scorer.probabilities(e);
            for (int k = 0; k < labels.length; k++) {
                assertThat(ours[k])
                        .as(u.text())
                        .isCloseTo(p.getOutputScores().get(labels[k]).getScore(), within(0.02));
            }
        }
    }

    @Test
    void refusesAFileThatIsNoModel() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(new GZIPOutputStream(bytes))) {
            out.writeUTF("some other file");
        }
        InputStream in = new ByteArrayInputStream(bytes.toByteArray());
        assertThatThrownBy(() -> LearnedIntentModel.read(in))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not a learned intent model");
    }

    /**
     * The whole training again (the better part of a minute), compared with the committed file on
     * every corpus utterance. Same machine, same bytes; MiniLM on another CPU may differ in the last
     * bits, hence the tolerance.
     */
    @Test
    @Tag("slow")
    void retrainingGivesTheCommittedModel() {
        LearnedIntentModel bundled = BundledModel.load();
        LearnedIntentModel fresh = BundledModel.train();
        assertThat(fresh.fingerprint()).isEqualTo(bundled.fingerprint());
        QueryInterpreter interpreter = QueryInterpreter.bundled(2000, 0.40);
        int differ = 0;
        int n = 0;
        for (LabelledUtterance u : UtteranceGenerator.bundled()
                .generate(QueryInterpreter.TRAINING_PER_PHRASING, QueryInterpreter.TRAINING_SEED)) {
            var s = interpreter.sample(u.text(), u.intent());
            if (s.isPresent()) {
                n++;
                IntentPrediction a = bundled.predict(s.get().text(), s.get().embedding());
                IntentPrediction b = fresh.predict(s.get().text(), s.get().embedding());
                differ += a.intent() == b.intent() && Math.abs(a.confidence() - b.confidence()) < 0.02 ? 0 : 1;
            }
        }
        assertThat(n).isGreaterThan(3000);
        assertThat(differ).as(RETRAIN).isLessThanOrEqualTo(n / 500);
    }
}
