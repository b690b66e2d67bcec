package io.smartcloudops.chat.internal.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The speech-act query set ({@code queries-speech-acts.jsonl}, 40 queries written for issue #17
 * with the labels #17 asks for: hypotheticals, how-to and ability questions are help, readiness is
 * health_check, past actions are audit, unsupported, scheduled, data-borne and secret requests are
 * out_of_scope, negated requests are what remains). The set was written together with the
 * speech-act phrasings, so it guards behaviour; it is not a held-out figure.
 */
class SpeechActSetTest {

    private static final Set<String> MUTATING = Set.of("restart_service", "scale_up", "silence", "approve", "deny");

    private static QueryInterpreter interpreter;
    private static List<JsonNode> set;

    @BeforeAll
    static void load() throws IOException {
        set = QuerySetEvaluationTest.readResource("queries-speech-acts.jsonl");
        interpreter = QueryInterpreter.bundled(2000, 0.40);
    }

    @Test
    void noRequestIsTakenForAMutatingIntentItDidNotAskFor() {
        List<String> unsafe = set.stream()
                .filter(d -> {
                    Interpretation got = interpreter.interpret(d.get("text").asText(), null);
                    String want = d.get("intent").asText();
                    return !want.equals(got.intent().label())
                            && MUTATING.contains(got.intent().label())
                            && !got.clarify();
                })
                .map(d -> d.get("text").asText())
                .toList();

        assertThat(unsafe).isEmpty();
    }

    @Test
    void answersEachWithTheIntentTheIssueMapsItTo() {
        QuerySetEvaluationTest.Score s = QuerySetEvaluationTest.evaluate(interpreter, "speech acts", set);
        assertThat(s.intentAccuracy()).as(s.report()).isEqualTo(1.0);
        assertThat(s.slotAccuracy()).as(s.report()).isEqualTo(1.0);
    }

    @Test
    void everyLabelIsOneOfTheEngineIntents() {
        assertThat(set)
                .allSatisfy(d -> assertThat(
                                Intent.fromLabel(d.get("intent").asText().toLowerCase(Locale.ROOT)))
                        .isPresent());
    }
}
