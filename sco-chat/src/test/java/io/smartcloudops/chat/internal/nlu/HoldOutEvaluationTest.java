package io.smartcloudops.chat.internal.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Measures the offline interpreter on queries-holdout.jsonl: about two hundred operator queries
 * written for issue #5 before any tuning, in other words than the dev set, the paraphrase set and
 * the few-shot pool (typos, slang hosts and services, terse commands, politeness, two-turn
 * follow-ups, injection and chit-chat).
 *
 * <p>The file was split before tuning: lines 1, 3, 5, ... are half A, which the rules were tuned
 * against; lines 2, 4, 6, ... are half B, which was only ever scored, never read for errors while
 * tuning, so half B was the honest held-out figure. Definitions of the figures are those of
 * {@link QuerySetEvaluationTest}. Before the issue #5 changes: A 0.920 intent / 0.959 slots, B 0.909 /
 * 0.956; after the first round: A 1.000 / 1.000, B 0.929 / 0.956. The second round then tuned on
 * half B's errors too (A and B 1.000 / 1.000), so neither half is honest any more: the honest
 * figure is set C ({@link HoldOutSetCEvaluationTest}). The floors here guard against regressions.
 */
class HoldOutEvaluationTest {

    private static final String FILE = "queries-holdout.jsonl";

    private static QueryInterpreter interpreter;
    private static List<JsonNode> all;
    private static List<JsonNode> halfA;
    private static List<JsonNode> halfB;

    @BeforeAll
    static void load() throws IOException {
        all = QuerySetEvaluationTest.readResource(FILE);
        halfA = new ArrayList<>();
        halfB = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            (i % 2 == 0 ? halfA : halfB).add(all.get(i));
        }
        interpreter = QueryInterpreter.bundled(2000, 0.40);
    }

    @Test
    void holdOutSetSharesNoTextWithThePoolOrTheOtherSets() throws IOException {
        Set<String> seen = interpreter.classifier().examples().stream()
                .map(e -> QuerySetEvaluationTest.norm(e.text())).collect(Collectors.toSet());
        QuerySetEvaluationTest.readResource("queries-paraphrase.jsonl")
                .forEach(d -> seen.add(QuerySetEvaluationTest.norm(d.get("text").asText())));
        assertThat(all.stream().map(d -> QuerySetEvaluationTest.norm(d.get("text").asText())).filter(seen::contains).toList())
                .isEmpty();
    }

    @Test
    void tunedHalfKeepsItsAccuracy() {
        QuerySetEvaluationTest.Score s = QuerySetEvaluationTest.evaluate(interpreter, "hold-out half A (tuned on)", halfA);
        assertThat(s.intentAccuracy()).as(s.report()).isGreaterThanOrEqualTo(0.97);
        assertThat(s.slotAccuracy()).as(s.report()).isGreaterThanOrEqualTo(0.97);
    }

    @Test
    void secondHalfKeepsItsAccuracy() {
        QuerySetEvaluationTest.Score s = QuerySetEvaluationTest.evaluate(interpreter, "hold-out half B (tuned on in round 2)", halfB);
        assertThat(s.intentAccuracy()).as(s.report()).isGreaterThanOrEqualTo(0.97);
        assertThat(s.slotAccuracy()).as(s.report()).isGreaterThanOrEqualTo(0.97);
    }

    @Test
    void wholeHoldOutSet() {
        QuerySetEvaluationTest.Score s = QuerySetEvaluationTest.evaluate(interpreter, "hold-out (all)", all);
        assertThat(s.intentAccuracy()).as(s.report()).isGreaterThanOrEqualTo(0.97);
        assertThat(s.slotAccuracy()).as(s.report()).isGreaterThanOrEqualTo(0.97);
    }

    /**
     * Interpretation (guard, extraction, one embedding, cues, follow-up) must stay cheap: the
     * product target is under 10 ms per query for classification. Printed, not asserted, because
     * two shared cores make wall-clock bounds flaky; sco-bench measures it properly.
     */
    @Test
    void printsInterpretationLatency() {
        List<String> texts = all.stream().map(d -> d.get("text").asText()).toList();
        texts.forEach(t -> interpreter.interpret(t, null));  // warm-up
        long[] nanos = new long[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            long t0 = System.nanoTime();
            interpreter.interpret(texts.get(i), null);
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "ChatOps hold-out interpretation latency: median %.2f ms, p95 %.2f ms, max %.2f ms%n",
                nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.95)] / 1e6, nanos[nanos.length - 1] / 1e6);
        assertThat(nanos).isNotEmpty();
    }
}
