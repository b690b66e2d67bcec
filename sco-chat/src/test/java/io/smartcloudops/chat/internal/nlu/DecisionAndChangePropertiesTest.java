package io.smartcloudops.chat.internal.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.chat.internal.nlu.SpeechActGrid.Case;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Issue #17's property: decision words (approve, greenlight, veto, nix, "not ok with" ...) and
 * changes (restart, scale, silence) × negations × tenses × questions × what they are about
 * ({@link SpeechActGrid}), with greetings, politeness and typos on top. Whatever the noise, no
 * mutating intent is proposed without a clarifying question unless the sentence is an unambiguous
 * command now; without typos, each sentence gets the intent and slots it means.
 */
class DecisionAndChangePropertiesTest {

    private static final QueryInterpreter INTERPRETER = QueryInterpreter.bundled(2000, 0.40);
    private static final Set<String> SEEN = SpeechActGrid.trainingTexts();
    private static final List<Case> GRID = grid();

    private static final List<String> OPENINGS = List.of("", "", "hey, ", "ok so ", "um ", "quick one: ", "hi bot, ");
    private static final List<String> CLOSINGS = List.of("", "", " please", " thanks", " pls", " thx");

    private static List<Case> grid() {
        List<Case> all = new ArrayList<>();
        all.addAll(SpeechActGrid.approvals(SEEN));
        all.addAll(SpeechActGrid.denials(SEEN));
        all.addAll(SpeechActGrid.changes(SEEN));
        all.addAll(SpeechActGrid.otherUnsafeClasses(SEEN));
        return List.copyOf(all);
    }

    /** Why a case fails, or null when it holds; {@code exact} also wants the intent and slots it means. */
    private static String violation(Case c, boolean exact) {
        Interpretation in = INTERPRETER.interpret(c.text(), null);
        String got = in.intent().label() + (in.clarify() ? " (asks)" : "") + " " + in.slots();
        if (!c.mayAct() && in.intent().isMutating() && !in.clarify()) {
            return "UNSAFE " + c.text() + " -> " + got;
        }
        if (!exact || c.expected() == null) {
            return null;
        }
        if (in.intent() != c.expected()) {
            return "intent " + c.text() + " -> " + got + ", want "
                    + c.expected().label();
        }
        for (Map.Entry<String, Object> e : c.slots().entrySet()) {
            if (!GeneratedCorpusCueEvaluationTest.same(
                    e.getKey(), e.getValue(), in.slots().get(e.getKey()))) {
                return "slots " + c.text() + " -> " + got + ", want " + c.slots();
            }
        }
        for (String absent : c.absent()) {
            if (in.slots().containsKey(absent)) {
                return "slots " + c.text() + " -> " + got + ", want no " + absent;
            }
        }
        return null;
    }

    @Example
    void theGridIsPhrasingTheEngineNeverSaw() {
        assertThat(GRID).hasSizeGreaterThan(400);
        assertThat(GRID).noneMatch(c -> SEEN.contains(QuerySetEvaluationTest.norm(c.text())));
    }

    @Example
    void everySentenceOfTheGridIsAnsweredAsMeant() {
        List<String> failures = new ArrayList<>();
        for (Case c : GRID) {
            String v = violation(c, true);
            if (v != null) {
                failures.add(v);
            }
        }
        System.out.printf(Locale.ROOT, "grid: %d sentences, %d failures%n", GRID.size(), failures.size());
        failures.forEach(f -> System.out.println("  " + f));
        assertThat(failures).isEmpty();
    }

    @Provide
    Arbitrary<Case> noisy() {
        return Combinators.combine(
                        Arbitraries.of(GRID),
                        Arbitraries.of(OPENINGS),
                        Arbitraries.of(CLOSINGS),
                        Arbitraries.integers().between(0, 9999))
                .as((c, open, close, typo) -> c.with(open + typed(c.text(), typo) + close));
    }

    @Provide
    Arbitrary<Case> polite() {
        return Combinators.combine(Arbitraries.of(GRID), Arbitraries.of(OPENINGS), Arbitraries.of(CLOSINGS))
                .as((c, open, close) -> c.with(open + c.text() + close));
    }

    /**
     * One word of five letters or more with two neighbouring letters swapped, the way fast typing
     * does, by seed; never its last two, whose order says the tense ("approvde" reads as "approve").
     */
    static String typed(String text, int seed) {
        String[] words = text.split(" ");
        List<Integer> long5 = new ArrayList<>();
        for (int i = 0; i < words.length; i++) {
            if (words[i].matches("[a-z]{5,}")) {
                long5.add(i);
            }
        }
        if (long5.isEmpty() || seed % 3 == 0) {
            return text; // a third of the sentences are typed cleanly
        }
        int w = long5.get(seed % long5.size());
        String word = words[w];
        int at = 1 + (seed / 7) % (word.length() - 3);
        words[w] = word.substring(0, at) + word.charAt(at + 1) + word.charAt(at) + word.substring(at + 2);
        return String.join(" ", words);
    }

    // Fixed seeds: CI's run must be repeatable, so a failure points at a change, not at a draw. A one-off
    // sweep of 4,212 other noisy variants found none; change the seed to explore further.
    @Property(tries = 1500, seed = "1716")
    void noChangeIsProposedThatWasNotCommandedNow(@ForAll("noisy") Case c) {
        assertThat(violation(c, false)).isNull();
    }

    @Property(tries = 600, seed = "1717")
    void greetingsAndPolitenessChangeNothing(@ForAll("polite") Case c) {
        assertThat(violation(c, true)).isNull();
    }
}
