package io.smartcloudops.chat.internal.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.chat.internal.nlu.LabelledUtterance.SpeechAct;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The learned intent model: deterministic for a seed, and what the bundled one costs at start and per query. */
class LearnedIntentModelTest {

    @Test
    void sameSeedSameModel() {
        List<LearnedIntentModel.Sample> samples = new ArrayList<>();
        List<LearnedIntentModel.ActSample> acts = new ArrayList<>();
        for (LabelledUtterance u : UtteranceGenerator.bundled().generate(2, 3)) {
            float[] pseudo = new float[] {u.text().length() % 7 / 7f, u.family().length() % 5 / 5f};
            samples.add(new LearnedIntentModel.Sample(u.text().toLowerCase(Locale.ROOT), pseudo, u.intent()));
            acts.add(new LearnedIntentModel.ActSample(u.text().toLowerCase(Locale.ROOT), u.act()));
        }
        LearnedIntentModel a = LearnedIntentModel.train(samples, acts, 11);
        LearnedIntentModel b = LearnedIntentModel.train(samples, acts, 11);
        for (LearnedIntentModel.Sample s : samples.subList(0, 50)) {
            assertThat(a.predict(s.text(), s.embedding())).isEqualTo(b.predict(s.text(), s.embedding()));
            assertThat(a.act(s.text())).isEqualTo(b.act(s.text()));
        }
    }

    @Test
    void speechActOfAQuestionIsNoCommandWhateverItsTopic() {
        List<LearnedIntentModel.ActSample> acts = new ArrayList<>();
        for (LabelledUtterance u : UtteranceGenerator.bundled().generate(20, 17)) {
            if (!u.family().equals("silence.hypo")) {
                acts.add(new LearnedIntentModel.ActSample(
                        IntentClassifier.prepare(Misspellings.correct(u.text())), u.act()));
            }
        }
        LearnedIntentModel m = LearnedIntentModel.train(
                List.of(new LearnedIntentModel.Sample("help", new float[] {1f}, Intent.HELP)), acts, 17);
        // No silence question was in the training: the opening words carry the act.
        assertThat(m.act("should i mute the worker backlog alert").act()).isNotEqualTo(SpeechAct.COMMAND);
        assertThat(m.act("silence highcpuusage for 1h").act()).isEqualTo(SpeechAct.COMMAND);
    }

    /**
     * Start and per-query cost of the bundled interpreter: printed, not asserted (two shared cores
     * make wall-clock bounds flaky). Nothing is trained at start; the learned model is read from
     * the jar.
     */
    @Test
    void printsStartTimeAndPerQueryLatency() {
        long t0 = System.nanoTime();
        LearnedIntentModel loaded = BundledModel.load();
        long read = System.nanoTime() - t0;
        t0 = System.nanoTime();
        QueryInterpreter bundled = QueryInterpreter.bundled(2000, 0.40);
        long started = System.nanoTime() - t0;
        System.out.printf(
                Locale.ROOT,
                "ChatOps bundled interpreter (%s): started in %.2f s (MiniLM, pool embedded, learned model read);"
                        + " the learned model alone read in %.3f s%n",
                bundled.decision(),
                started / 1e9,
                read / 1e9);
        List<String> texts = UtteranceGenerator.bundled().generate(1, 99).stream()
                .map(LabelledUtterance::text)
                .toList();
        texts.forEach(t -> bundled.interpret(t, null)); // warm-up
        LearnedIntentModel model = bundled.learnedModel();
        long[] whole = new long[texts.size()];
        long[] alone = new long[texts.size()];
        float[] q = bundled.classifier().embed("restart nginx");
        for (int i = 0; i < texts.size(); i++) {
            long s = System.nanoTime();
            bundled.interpret(texts.get(i), null);
            whole[i] = System.nanoTime() - s;
            s = System.nanoTime();
            model.predict(texts.get(i), q);
            model.act(texts.get(i));
            alone[i] = System.nanoTime() - s;
        }
        Arrays.sort(whole);
        Arrays.sort(alone);
        System.out.printf(
                Locale.ROOT,
                "ChatOps interpret (one embedding, neighbours, learned model, speech acts) median %.2f ms, p99 %.2f ms;"
                        + " learned intent + act alone median %.3f ms, p99 %.3f ms (%d queries)%n",
                whole[whole.length / 2] / 1e6,
                whole[(int) (whole.length * 0.99)] / 1e6,
                alone[alone.length / 2] / 1e6,
                alone[(int) (alone.length * 0.99)] / 1e6,
                texts.size());
        assertThat(model.hasIntents()).isTrue();
        assertThat(model.fingerprint()).isEqualTo(loaded.fingerprint());
        assertThat(bundled.learnedModel()).isSameAs(model);
    }
}
