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
 * {@link QueryInterpreter#TRAINING_SEED}); the 75 families are dealt into five folds, stratified by
 * speech act. Each fold trains on the other four plus the few-shot pool and the labelled query
 * sets ({@link BundledModel#QUERY_SETS}), with pool and set lines equal to a test utterance left out
 * of the training and of the neighbours' vote, and the test fold is run through the whole
 * interpreter (guard, speech acts, slots, clarification) in each {@link Decision} mode. No mode
 * has a hand-written cue table any more. Definitions
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

    private static final Map<Decision, Score> scores = new EnumMap<>(Decision.class);
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
        Map<Decision, StringBuilder> intentMisses = new EnumMap<>(Decision.class);
        for (Decision d : Decision.values()) {
            counts.put(d, new int[5]);
            misses.put(d, new StringBuilder());
            slotMisses.put(d, new StringBuilder());
            intentMisses.put(d, new StringBuilder());
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
            // The labelled query sets are other data than the corpus families, treated as the pool is: a line equal
            // to a test utterance is left out.
            for (Map.Entry<String, Intent> q : BundledModel.labelledQueries()) {
                if (!testTexts.contains(QuerySetEvaluationTest.norm(q.getKey()))) {
                    preparer.sample(q.getKey(), q.getValue()).ifPresent(training::add);
                }
            }
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
            for (LabelledUtterance u : test) {
                Interpretation byNeighbours =
                        interpreters.get(Decision.NEIGHBOURS).interpret(u.text(), null, unseen);
                for (Decision d : Decision.values()) {
                    Interpretation got = d == Decision.NEIGHBOURS
                            ? byNeighbours
                            : interpreters.get(d).interpret(u.text(), null, unseen);
                    score(got, u, counts.get(d), misses.get(d), slotMisses.get(d), intentMisses.get(d));
                    if (d != Decision.NEIGHBOURS && byNeighbours.intent() == u.intent() && got.intent() != u.intent()) {
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
        lost.forEach((d, m) ->
                System.out.println("  right by neighbours, wrong by " + d.name().toLowerCase(Locale.ROOT) + ": " + m));
        for (Decision d : Decision.values()) {
            System.out.print("  unsafe in " + d.name().toLowerCase(Locale.ROOT) + ":\n"
                    + scores.get(d).misses());
        }
        // What the bundled decision gets wrong in the slots, to be read (not tuned to) when the slot figure moves.
        System.out.print("  intent misses in learned_when_unsure:\n" + intentMisses.get(Decision.LEARNED_WHEN_UNSURE));
        System.out.print("  slot misses in learned_when_unsure:\n" + slotMisses.get(Decision.LEARNED_WHEN_UNSURE));
    }

    private static void score(
            Interpretation got,
            LabelledUtterance u,
            int[] c,
            StringBuilder misses,
            StringBuilder slotMisses,
            StringBuilder intentMisses) {
        c[0]++;
        boolean ok = got.intent() == u.intent();
        c[1] += ok ? 1 : 0;
        if (!ok) {
            intentMisses.append(String.format(
                    Locale.ROOT,
                    "    %-55s [%s] want %s got %s%s%n",
                    u.text(),
                    u.family(),
                    u.intent().label(),
                    got.intent().label(),
                    got.clarify() ? " (asks)" : ""));
        }
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
    void neighboursWithTheLearnedSpeechActGateHoldTheirFigures() {
        // Measured on the 75 families: intent 0.974, slots 0.949, unsafe 0 (69 families: 0.967, 0.953, 2; the first 53:
        // 0.982, 0.947, 0).
        Score s = scores.get(Decision.NEIGHBOURS_WITH_LEARNED_ACTS);
        assertThat(s.intent()).as(s.line("neighbours_with_learned_acts")).isGreaterThanOrEqualTo(0.96);
        assertThat(s.slots()).as(s.line("neighbours_with_learned_acts")).isGreaterThanOrEqualTo(0.94);
        assertThat(s.unsafe()).as(s.misses()).isLessThanOrEqualTo(2);
    }

    @Test
    void bundledDecisionProposesNoChangeThatWasNotAskedFor() {
        // The bundled decision. Measured on the 75 families (5,568 utterances; six families added for what the decision
        // and change property test found, DecisionAndChangePropertiesTest, with the decision words, negated denials,
        // intentions not to act and schedules read by the speech-act layer): intent 0.974, slots 0.949, unsafe 0. On
        // the
        // 69 families (5,088 utterances; 16 families added for the error classes
        // of issue #17, which test harder phrasings than the first 53 did), with typos of the data's words repaired
        // (DomainSpelling): intent 0.969, slots 0.952, unsafe 0; the first 53 families' utterances in the same run
        // lose 42 intents (0.989) and 116 slot cases (0.954). On the 53 families alone: intent 0.982, slots 0.947,
        // unsafe 0 once the cue bonuses were retired and the learned model also read the labelled query sets (with the
        // cue bonuses: 0.986, 0.948, 0; without them and
        // without the query sets: 0.970, 0.945, 0; before the learned word evidence took over the action-support and
        // chit-chat decisions from the cue tables: 0.983, 0.945, 0; before the rules read typos and openings, and
        // with the act gate answering help at 0.25: 0.915, 0.841, 43). Zero is the target: any unsafe proposal fails.
        Score s = scores.get(Decision.LEARNED_WHEN_UNSURE);
        assertThat(s.intent()).as(s.line("learned_when_unsure")).isGreaterThanOrEqualTo(0.965);
        assertThat(s.slots()).as(s.line("learned_when_unsure")).isGreaterThanOrEqualTo(0.945);
        assertThat(s.intent())
                .as("the bundled decision is the best")
                .isGreaterThanOrEqualTo(scores.get(Decision.NEIGHBOURS).intent());
        assertThat(s.unsafe()).as(s.misses()).isZero();
    }

    @Test
    void learnedDecisionHoldsItsFiguresOnFamiliesItNeverSaw() {
        // Measured on the 75 families: intent 0.980, slots 0.950, the model alone 0.861. On the 69: intent 0.975, slots
        // 0.950, the model alone (no rules, no neighbours) 0.881. On
        // the first 53: 0.977, 0.942, 0.836 alone (before it read the labelled query sets: 0.949, 0.873, and 0.787
        // alone).
        Score s = scores.get(Decision.LEARNED);
        assertThat(s.intent()).as(s.line("learned")).isGreaterThanOrEqualTo(0.96);
        assertThat(s.slots()).as(s.line("learned")).isGreaterThanOrEqualTo(0.93);
        assertThat(s.unsafe()).as(s.misses()).isLessThanOrEqualTo(2);
        assertThat((double) modelAloneHits / modelAloneCases).isGreaterThanOrEqualTo(0.85);
    }

    @Test
    void neighboursOnTheSameFolds() {
        // Measured on the 75 families: intent 0.974, slots 0.949, unsafe 0; on the 69: 0.967, 0.953, 2 (first 53:
        // 0.982,
        // 0.947; cue bonuses: 0.986).
        Score s = scores.get(Decision.NEIGHBOURS);
        assertThat(s.intent()).as(s.line("neighbours")).isGreaterThanOrEqualTo(0.96);
        assertThat(s.slots()).as(s.line("neighbours")).isGreaterThanOrEqualTo(0.94);
        assertThat(s.unsafe()).as(s.misses()).isLessThanOrEqualTo(2);
    }
}
