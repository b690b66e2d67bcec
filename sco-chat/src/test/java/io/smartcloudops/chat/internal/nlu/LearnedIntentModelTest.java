package io.smartcloudops.chat.internal.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.chat.internal.nlu.LabelledUtterance.SpeechAct;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The learned intent model: deterministic for a seed, trained on first use, and what it costs. */
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
                acts.add(new LearnedIntentModel.ActSample(IntentClassifier.prepare(Misspellings.correct(u.text())), u.act()));
            }
        }
        LearnedIntentModel m = LearnedIntentModel.train(List.of(new LearnedIntentModel.Sample("help", new float[] {1f}, Intent.HELP)),
                acts, 17);
        // No silence question was in the training: the opening words carry the act.
        assertThat(m.act("should i mute the worker backlog alert").act()).isNotEqualTo(SpeechAct.COMMAND);
        assertThat(m.act("silence highcpuusage for 1h").act()).isEqualTo(SpeechAct.COMMAND);
    }

    /**
     * Training on first use: printed, not asserted (two shared cores make wall-clock bounds
     * flaky). Most of it is embedding the generated corpus with MiniLM.
     */
    @Test
    void printsTrainingTimeAndPerQueryLatency() {
        QueryInterpreter bundled = QueryInterpreter.bundled(2000, 0.40);
        long t0 = System.nanoTime();
        LearnedIntentModel actsOnly = bundled.learnedModel();
        long actsTrained = System.nanoTime() - t0;
        QueryInterpreter interpreter = new QueryInterpreter(bundled.classifier(), bundled.guard(), 0.40,
                QueryInterpreter.Decision.LEARNED_WHEN_UNSURE, QueryInterpreter::trainOnBundledCorpus);
        t0 = System.nanoTime();
        LearnedIntentModel model = interpreter.learnedModel();
        long trained = System.nanoTime() - t0;
        System.out.printf(Locale.ROOT, "ChatOps learned speech acts (the bundled decision, %s) trained on first use in %.2f s%n",
                bundled.decision(), actsTrained / 1e9);
        List<String> sample = UtteranceGenerator.bundled().generate(1, 98).stream().map(LabelledUtterance::text).toList();
        long[] gated = new long[sample.size()];
        sample.forEach(t -> bundled.interpret(t, null));
        for (int i = 0; i < sample.size(); i++) {
            long s = System.nanoTime();
            bundled.interpret(sample.get(i), null);
            gated[i] = System.nanoTime() - s;
        }
        Arrays.sort(gated);
        System.out.printf(Locale.ROOT, "ChatOps interpret with the bundled decision: median %.2f ms, p99 %.2f ms%n",
                gated[gated.length / 2] / 1e6, gated[(int) (gated.length * 0.99)] / 1e6);
        assertThat(bundled.learnedModel()).isSameAs(actsOnly);
        List<String> texts = UtteranceGenerator.bundled().generate(1, 99).stream().map(LabelledUtterance::text).toList();
        texts.forEach(t -> interpreter.interpret(t, null));  // warm-up
        long[] whole = new long[texts.size()];
        long[] alone = new long[texts.size()];
        float[] q = interpreter.classifier().embed("restart nginx");
        for (int i = 0; i < texts.size(); i++) {
            long s = System.nanoTime();
            interpreter.interpret(texts.get(i), null);
            whole[i] = System.nanoTime() - s;
            s = System.nanoTime();
            model.predict(texts.get(i), q);
            model.act(texts.get(i));
            alone[i] = System.nanoTime() - s;
        }
        Arrays.sort(whole);
        Arrays.sort(alone);
        System.out.printf(Locale.ROOT, "ChatOps learned intent model (LEARNED_WHEN_UNSURE): trained on first use in %.2f s; interpret (one embedding, neighbours,"
                + " learned model, speech acts) median %.2f ms, p99 %.2f ms; learned intent + act alone median %.3f ms, p99 %.3f ms"
                + " (%d queries)%n", trained / 1e9, whole[whole.length / 2] / 1e6, whole[(int) (whole.length * 0.99)] / 1e6,
                alone[alone.length / 2] / 1e6, alone[(int) (alone.length * 0.99)] / 1e6, texts.size());
        assertThat(interpreter.learnedModel()).isSameAs(model);
    }
}
