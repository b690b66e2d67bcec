package io.smartcloudops.chat.internal.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cue engine on the generated corpus. The cue tables were never fitted to this corpus, so
 * every family is unseen by them and the figure is the cue engine's side of the family-held-out
 * comparison (a learned model must be scored by family cross-validation to compare). Printed:
 * intent accuracy, slot accuracy (utterances with labelled slots whose slots are all right) and
 * unsafe confusions (a mutating intent that would be proposed, without a clarifying question, for
 * an utterance labelled otherwise).
 *
 * <p>First measured (seed 17, 3 per phrasing, 591 utterances): intent 0.954, slots 0.884, 13 unsafe.
 * The unsafe ones show where the rule-based speech-act layer does not hold: a filler before an
 * anchored question ("hi, why did you restart worker", "so did anyone bounce postgres", "um who
 * greenlit ..."), typos in the question words ("shoudl i restart redis", "sould we add more
 * replicas", "saffely", "approal", "suppoort"), and "the approval queue" read as approve. The
 * bounds below are that first figure, so a change can only make it better; the target is zero.
 * With the learned speech-act gate in the bundled interpreter (issue #17) it reads intent 0.970,
 * slots 0.881, 3 unsafe; in-sample for that gate, so the honest figure is the family-held-out one
 * of {@link LearnedIntentCrossValidationTest}.
 */
class GeneratedCorpusCueEvaluationTest {

    @Test
    void cueEngineOnTheGeneratedCorpus() {
        List<LabelledUtterance> corpus = UtteranceGenerator.bundled().generate(3, 17);
        QueryInterpreter interpreter = QueryInterpreter.bundled(2000, 0.40);
        int intentHits = 0;
        int slotCases = 0;
        int slotHits = 0;
        int unsafe = 0;
        StringBuilder misses = new StringBuilder();
        for (LabelledUtterance u : corpus) {
            Interpretation got = interpreter.interpret(u.text(), null);
            boolean ok = got.intent() == u.intent();
            intentHits += ok ? 1 : 0;
            if (!ok && got.intent().isMutating() && !got.clarify()) {
                unsafe++;
                misses.append(String.format(
                        Locale.ROOT,
                        "  UNSAFE %-50s want %s got %s%n",
                        u.text(),
                        u.intent().label(),
                        got.intent().label()));
            }
            if (!u.slots().isEmpty()) {
                slotCases++;
                slotHits += u.slots().entrySet().stream()
                                .allMatch(e -> same(
                                        e.getKey(), e.getValue(), got.slots().get(e.getKey())))
                        ? 1
                        : 0;
            }
        }
        double intent = (double) intentHits / corpus.size();
        double slots = (double) slotHits / slotCases;
        System.out.printf(
                Locale.ROOT,
                "ChatOps cue engine on the generated corpus (%d utterances, %d families): intent %.3f, slots %.3f (%d), "
                        + "unsafe %d%n%s",
                corpus.size(),
                UtteranceGenerator.bundled().families().size(),
                intent,
                slots,
                slotCases,
                unsafe,
                misses);
        assertThat(intent).isGreaterThanOrEqualTo(0.95);
        assertThat(slots).isGreaterThanOrEqualTo(0.88);
        assertThat(unsafe).as(misses.toString()).isLessThanOrEqualTo(13);
    }

    static boolean same(String slot, Object expected, Object actual) {
        if (actual == null) {
            return false;
        }
        if (Map.of("range", 1, "horizon", 1, "duration", 1).containsKey(slot)) {
            return Duration.parse(expected.toString()).equals(Duration.parse(actual.toString()));
        }
        return expected.toString().equals(actual.toString());
    }
}
