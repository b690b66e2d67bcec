package io.smartcloudops.chat.internal.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.chat.internal.nlu.QueryInterpreter.Decision;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #17's own figure: the learned intent model scored by cross-validation grouped by template
 * family, so no family is in both the training and the test fold and every test utterance is a
 * phrasing the model has never seen. The generated corpus is the bundled model's own
 * ({@link QueryInterpreter#TRAINING_PER_PHRASING} per phrasing, seed
 * {@link QueryInterpreter#TRAINING_SEED}); the 53 families are dealt into five folds, stratified by
 * speech act. Each fold trains on the other four plus the few-shot pool, with pool lines equal
 * to a test utterance left out of the training and of the neighbours' vote, and the test fold is
 * run through the whole interpreter (guard, speech acts, slots, clarification) in each
 * {@link Decision} mode. The cue engine is scored on the same folds for comparison, and the bundled
 * decision again with the word evidence weighted otherwise and with the cue bonuses retired
 * ({@link QueryInterpreter.Tuning}): the figures that say how far the learned parts are from
 * replacing the cue tables. Definitions
 * are those of {@link GeneratedCorpusCueEvaluationTest}: intent accuracy over all utterances, slot
 * accuracy over those with labelled slots, and unsafe confusions (a mutating intent proposed
 * without a clarifying question for an utterance labelled otherwise).
 *
 * <p>The floors below are the first measured figures less a margin (and ceilings on unsafe
 * confusions a little above them). The bundled interpreter decides by
 * {@link Decision#LEARNED_WHEN_UNSURE}, the best of the modes here, with a model trained off line
 * ({@link BundledModel}); each fold here trains its own, embedding the corpus once for all folds.
 */
class LearnedIntentCrossValidationTest {

    private static final int FOLDS = 5;
    private static final double MIN_CONFIDENCE = 0.40;

    /** Figures of one mode over all folds. */
    record Score(int n, int intentHits, int slotCases, int slotHits, int unsafe, String misses) {
        double intent() {
            return (double) intentHits / n;
        }

        double slots() {
            return (double) slotHits / slotCases;
        }

        String line(String name) {
            return String.format(
                    Locale.ROOT,
                    "%-22s intent %.3f (%d/%d), slots %.3f (%d/%d), unsafe %d",
                    name,
                    intent(),
                    intentHits,
                    n,
                    slots(),
                    slotHits,
                    slotCases,
                    unsafe);
        }
    }

    /** Weights of the lexical evidence tried in the bundled decision, beside the shipped {@link QueryInterpreter#EVIDENCE_WEIGHT}. */
    private static final Map<String, QueryInterpreter.Tuning> SWEEP = new java.util.LinkedHashMap<>();

    static {
        // The cue bonuses kept, the word evidence added at several weights.
        SWEEP.put("cues, words 0.00", new QueryInterpreter.Tuning(0.0, false, true, 0.0));
        SWEEP.put("cues, words 0.20", new QueryInterpreter.Tuning(0.2, false, true, 0.0));
        // The cue bonuses retired: the word evidence alone beside the neighbours.
        SWEEP.put("no cues, words 0.00", new QueryInterpreter.Tuning(0.0, false, false, 0.0));
        SWEEP.put("no cues, words 0.30", new QueryInterpreter.Tuning(0.3, false, false, 0.7));
        SWEEP.put("no cues, log words 0.05", new QueryInterpreter.Tuning(0.05, true, false, 0.7));
        SWEEP.put("no cues, log words 0.08", new QueryInterpreter.Tuning(0.08, true, false, 0.7));
    }

    private static final Map<Decision, Score> scores = new EnumMap<>(Decision.class);
    private static final Map<String, int[]> sweep = new java.util.LinkedHashMap<>();
    private static final Map<String, Map<String, Integer>> withoutCues = new TreeMap<>();
    private static final Map<Decision, Map<String, Integer>> lost = new EnumMap<>(Decision.class);
    private static int modelAloneHits;
    private static int modelAloneCases;

    @BeforeAll
    static void crossValidate() {
        UtteranceGenerator generator = UtteranceGenerator.bundled();
        List<LabelledUtterance> corpus =
                generator.generate(QueryInterpreter.TRAINING_PER_PHRASING, QueryInterpreter.TRAINING_SEED);
        IntentClassifier classifier =
                new IntentClassifier(new CachingEmbeddingModel(MiniLmModel.load()), FewShotPool.bundled());
        InputGuard guard = new InputGuard(2000);
        QueryInterpreter preparer = new QueryInterpreter(classifier, guard, MIN_CONFIDENCE);

        // Grouped and stratified: families are ordered by speech act (then by their seeded shuffle) and dealt round the
        // folds, so the three hypothetical families, say, never share one test fold and leave the training without any.
        List<String> families = new ArrayList<>(generator.families());
        Collections.shuffle(families, new Random(5));
        Map<String, LabelledUtterance.SpeechAct> actOf = new HashMap<>();
        corpus.forEach(u -> actOf.put(u.family(), u.act()));
        families.sort(Comparator.comparing(actOf::get));
        Map<Decision, int[]> counts = new EnumMap<>(Decision.class);
        Map<Decision, StringBuilder> misses = new EnumMap<>(Decision.class);
        Map<Decision, StringBuilder> slotMisses = new EnumMap<>(Decision.class);
        for (Decision d : Decision.values()) {
            counts.put(d, new int[5]);
            misses.put(d, new StringBuilder());
            slotMisses.put(d, new StringBuilder());
        }
        for (int fold = 0; fold < FOLDS; fold++) {
            Set<String> held = new TreeSet<>();
            for (int i = fold; i < families.size(); i += FOLDS) {
                held.add(families.get(i));
            }
            System.out.println("  fold " + fold + " holds out " + held);
            List<LabelledUtterance> test =
                    corpus.stream().filter(u -> held.contains(u.family())).toList();
            Set<String> testTexts = new HashSet<>();
            test.forEach(u -> testTexts.add(QuerySetEvaluationTest.norm(u.text())));
            Predicate<FewShotPool.Example> unseen = e -> testTexts.contains(QuerySetEvaluationTest.norm(e.text()));

            List<LearnedIntentModel.Sample> training = new ArrayList<>();
            List<LearnedIntentModel.ActSample> actTraining = new ArrayList<>();
            for (LabelledUtterance u : corpus) {
                if (!held.contains(u.family())) {
                    preparer.sample(u.text(), u.intent()).ifPresent(training::add);
                    preparer.actSample(u.text(), u.act()).ifPresent(actTraining::add);
                }
            }
            training.addAll(preparer.poolSamples(unseen));
            LearnedIntentModel model = LearnedIntentModel.train(training, actTraining, QueryInterpreter.TRAINING_SEED);

            for (LabelledUtterance u : test) {
                var s = preparer.sample(u.text(), u.intent());
                if (s.isPresent()) {
                    modelAloneCases++;
                    modelAloneHits +=
                            model.predict(s.get().text(), s.get().embedding()).intent() == u.intent() ? 1 : 0;
                }
            }
            Map<Decision, QueryInterpreter> interpreters = new EnumMap<>(Decision.class);
            for (Decision d : Decision.values()) {
                interpreters.put(d, new QueryInterpreter(classifier, guard, MIN_CONFIDENCE, d, q -> model));
            }
            for (var w : SWEEP.entrySet()) {
                QueryInterpreter weighted = new QueryInterpreter(
                        classifier, guard, MIN_CONFIDENCE, Decision.LEARNED_WHEN_UNSURE, q -> model, w.getValue());
                QueryInterpreter shipped = new QueryInterpreter(
                        classifier, guard, MIN_CONFIDENCE, Decision.LEARNED_WHEN_UNSURE, q -> model);
                int[] c = sweep.computeIfAbsent(w.getKey(), x -> new int[6]);
                StringBuilder um = new StringBuilder();
                for (LabelledUtterance u : test) {
                    Interpretation got = weighted.interpret(u.text(), null, unseen);
                    score(got, u, c, um, new StringBuilder());
                    if (!w.getValue().cueBoosts()
                            && got.intent() != u.intent()
                            && shipped.interpret(u.text(), null, unseen).intent() == u.intent()) {
                        withoutCues
                                .computeIfAbsent(w.getKey(), x -> new TreeMap<>())
                                .merge(u.family() + " -> " + got.intent().label(), 1, Integer::sum);
                    }
                    c[5] += u.intent().isMutating() && got.intent() == u.intent() && got.clarify() ? 1 : 0;
                }
                if (um.length() > 0) {
                    System.out.print("  unsafe in " + w.getKey() + ":\n" + um);
                }
            }
            for (LabelledUtterance u : test) {
                Interpretation byCues = interpreters.get(Decision.CUES).interpret(u.text(), null, unseen);
                for (Decision d : Decision.values()) {
                    Interpretation got =
                            d == Decision.CUES ? byCues : interpreters.get(d).interpret(u.text(), null, unseen);
                    score(got, u, counts.get(d), misses.get(d), slotMisses.get(d));
                    if (d != Decision.CUES && byCues.intent() == u.intent() && got.intent() != u.intent()) {
                        lost.computeIfAbsent(d, x -> new TreeMap<>())
                                .merge(u.family() + " -> " + got.intent().label(), 1, Integer::sum);
                    }
                }
            }
        }
        for (Decision d : Decision.values()) {
            int[] c = counts.get(d);
            scores.put(d, new Score(c[0], c[1], c[2], c[3], c[4], misses.get(d).toString()));
        }
        System.out.printf(
                Locale.ROOT,
                "ChatOps intent, family-held-out %d-fold cross-validation on the generated corpus (%d utterances,"
                        + " %d families):%n",
                FOLDS,
                corpus.size(),
                families.size());
        System.out.printf(
                Locale.ROOT,
                "  %-22s intent %.3f (%d/%d)%n",
                "learned model alone",
                (double) modelAloneHits / modelAloneCases,
                modelAloneHits,
                modelAloneCases);
        for (Decision d : Decision.values()) {
            System.out.println("  " + scores.get(d).line(d.name().toLowerCase(Locale.ROOT)));
        }
        sweep.forEach((w, c) -> System.out.println(
                "  " + new Score(c[0], c[1], c[2], c[3], c[4], "").line(w) + ", right changes asked " + c[5]));
        withoutCues.forEach((w, m) -> System.out.println("  right when shipped, wrong with " + w + ": " + m));
        lost.forEach((d, m) ->
                System.out.println("  right by cues, wrong by " + d.name().toLowerCase(Locale.ROOT) + ": " + m));
        for (Decision d : Decision.values()) {
            System.out.print("  unsafe in " + d.name().toLowerCase(Locale.ROOT) + ":\n"
                    + scores.get(d).misses());
        }
        // What the bundled decision gets wrong in the slots, to be read (not tuned to) when the slot figure moves.
        System.out.print("  slot misses in learned_when_unsure:\n" + slotMisses.get(Decision.LEARNED_WHEN_UNSURE));
    }

    private static void score(
            Interpretation got, LabelledUtterance u, int[] c, StringBuilder misses, StringBuilder slotMisses) {
        c[0]++;
        boolean ok = got.intent() == u.intent();
        c[1] += ok ? 1 : 0;
        if (!u.slots().isEmpty()) {
            c[2]++;
            boolean slotsOk = u.slots().entrySet().stream()
                    .allMatch(e -> GeneratedCorpusCueEvaluationTest.same(
                            e.getKey(), e.getValue(), got.slots().get(e.getKey())));
            c[3] += slotsOk ? 1 : 0;
            if (!slotsOk) {
                slotMisses.append(String.format(
                        Locale.ROOT,
                        "    %-55s [%s] want %s %s got %s %s%n",
                        u.text(),
                        u.family(),
                        u.intent().label(),
                        new TreeMap<>(u.slots()),
                        got.intent().label(),
                        new TreeMap<>(got.slots())));
            }
        }
        if (!ok && got.intent().isMutating() && !got.clarify()) {
            c[4]++;
            misses.append(String.format(
                    Locale.ROOT,
                    "    %-55s [%s] want %s got %s%n",
                    u.text(),
                    u.family(),
                    u.intent().label(),
                    got.intent().label()));
        }
    }

    @Test
    void cuesWithTheLearnedSpeechActGateHoldTheirFigures() {
        // Measured intent 0.976, slots 0.885, unsafe 0 (before the rules read typos and openings: 0.902, 0.837, 70).
        Score s = scores.get(Decision.CUES_WITH_LEARNED_ACTS);
        assertThat(s.intent()).as(s.line("cues_with_learned_acts")).isGreaterThanOrEqualTo(0.96);
        assertThat(s.slots()).as(s.line("cues_with_learned_acts")).isGreaterThanOrEqualTo(0.87);
        assertThat(s.unsafe()).as(s.misses()).isLessThanOrEqualTo(3);
    }

    @Test
    void bundledDecisionProposesNoChangeThatWasNotAskedFor() {
        // The bundled decision. Measured: intent 0.986, slots 0.948, unsafe 0 (before the learned word evidence took
        // over the action-support and chit-chat decisions from the cue tables and was added to the vote: 0.983, 0.945,
        // 0; before a bare number filled a decision's
        // id or a log request's line count, "traffic" read as the request rate, "the web server" as nginx and a few
        // more deployment words were repaired when mistyped: 0.982, 0.890, 0; before the rules read typos and
        // openings, and with the act gate answering help at 0.25: 0.915, 0.841, 43). Zero is the target: any unsafe
        // proposal fails.
        Score s = scores.get(Decision.LEARNED_WHEN_UNSURE);
        assertThat(s.intent()).as(s.line("learned_when_unsure")).isGreaterThanOrEqualTo(0.97);
        assertThat(s.slots()).as(s.line("learned_when_unsure")).isGreaterThanOrEqualTo(0.93);
        assertThat(s.intent())
                .as("the bundled decision is the best")
                .isGreaterThanOrEqualTo(scores.get(Decision.CUES).intent());
        assertThat(s.unsafe()).as(s.misses()).isZero();
    }

    @Test
    void learnedDecisionHoldsItsFiguresOnFamiliesItNeverSaw() {
        // Measured: intent 0.949, slots 0.873, unsafe 0; the model alone (no rules, no neighbours) 0.787.
        Score s = scores.get(Decision.LEARNED);
        assertThat(s.intent()).as(s.line("learned")).isGreaterThanOrEqualTo(0.93);
        assertThat(s.slots()).as(s.line("learned")).isGreaterThanOrEqualTo(0.85);
        assertThat(s.unsafe()).as(s.misses()).isLessThanOrEqualTo(2);
        assertThat((double) modelAloneHits / modelAloneCases).isGreaterThanOrEqualTo(0.75);
    }

    @Test
    void cueEngineOnTheSameFolds() {
        // Measured: intent 0.976, slots 0.885, unsafe 0 (before the rules read typos and openings: 0.914, 0.865, 110).
        Score s = scores.get(Decision.CUES);
        assertThat(s.intent()).as(s.line("cues")).isGreaterThanOrEqualTo(0.96);
        assertThat(s.slots()).as(s.line("cues")).isGreaterThanOrEqualTo(0.87);
        assertThat(s.unsafe()).as(s.misses()).isLessThanOrEqualTo(3);
    }
}
