package io.smartcloudops.chat.internal.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Measures the offline interpreter on queries-holdout-c.jsonl, a third held-out set written for
 * issue #5 before the second round of tuning (terse commands, long polite questions, typos, slang,
 * two-turn follow-ups, chit-chat and injections; every intent at least eight times). While tuning,
 * only its aggregate figures were looked at, never its per-query errors, so it stays an honest
 * estimate of accuracy on unseen text. Before the second round: 0.920 intent (149/162) / 0.973 slots
 * (109/112); after it, measured once: 0.938 (152/162) / 0.973 (109/112). The floors sit a little
 * below that, so a change that costs generalisation fails here even when the tuned sets still pass.
 * In the third round its remaining errors were fixed (1.000 / 1.000), so it is now a tuned-on guard
 * and its floors were raised; set D took its place as the honest figure.
 */
class HoldOutSetCEvaluationTest {

    private static final String FILE = "queries-holdout-c.jsonl";

    private static QueryInterpreter interpreter;
    private static List<JsonNode> set;

    @BeforeAll
    static void load() throws IOException {
        set = QuerySetEvaluationTest.readResource(FILE);
        interpreter = QueryInterpreter.bundled(2000, 0.40);
    }

    @Test
    void setCSharesNoTextWithThePoolOrTheOtherSets() throws IOException {
        assertThat(QuerySetEvaluationTest.sharedTexts(interpreter, set, List.of("queries-paraphrase.jsonl", "queries-holdout.jsonl"))).isEmpty();
    }

    @Test
    void unseenSetCReachesHeldOutTargets() {
        QuerySetEvaluationTest.Score s = QuerySetEvaluationTest.evaluate(interpreter, "hold-out set C (never tuned on)", set);
        assertThat(s.intentAccuracy()).as(s.report()).isGreaterThanOrEqualTo(0.98);
        assertThat(s.slotAccuracy()).as(s.report()).isGreaterThanOrEqualTo(0.98);
    }
}
