package io.smartcloudops.chat.internal.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.chat.internal.nlu.SpeechActs.Kind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Regressions from the family-held-out cross-validation (issue #17): questions, typo'd or opened
 * with "ok so", that were proposed as changes. Each is checked twice: by the speech-act rules alone,
 * on the text as the interpreter prepares it, and through the neighbours' interpreter, whose learned model
 * only gives the word evidence (was an action asked for, is it chit-chat) and never decides the
 * intent or gates an act, so it cannot hide a rule's miss.
 */
class QuestionsThatMustNotActTest {

    private static final SpeechActs ACTS = SpeechActs.bundled();
    private static QueryInterpreter interpreter;

    @BeforeAll
    static void load() {
        QueryInterpreter bundled = QueryInterpreter.bundled(2000, 0.40);
        LearnedIntentModel words = bundled.learnedModel();
        interpreter = new QueryInterpreter(
                bundled.classifier(), bundled.guard(), 0.40, QueryInterpreter.Decision.NEIGHBOURS, q -> words);
    }

    private static String prepared(String text) {
        return ACTS.withoutOpening(ACTS.scope(ACTS.withoutOpening(ACTS.repair(Misspellings.correct(text))))
                .remaining());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "quick one: why did you restart redis     | PAST",
                "ok so did anyone bounce the java service  | PAST",
                "so who greenlit nginx restart thanks      | PAST",
                "hey should we add more redis replicas?    | HYPOTHETICAL",
                "shoould i mute highcpuusage thanks        | HYPOTHETICAL",
                "hey bot, shoulld i mute highcpuusage      | HYPOTHETICAL",
                "woud scaling the node exporter to three ned approval thanks | HYPOTHETICAL",
                "would scaling postgres to four need appproval asap | HYPOTHETICAL",
                "does silencing the high memory usage alert neeed approval | HYPOTHETICAL",
                "quick one: if nginx dies would you restart it | HYPOTHETICAL",
                "ok so it saffe to restart the api now     | READINESS",
                "would restarting the nginx be sfae right now | READINESS",
                "wolud restarting the java service be safe right now | READINESS",
                "yo can we safeely restart the nginx       | READINESS",
                "can you eevn restart stuff                | ABILITY",
                "can you een restart stuff !               | ABILITY",
                "hey do you suport restarting services     | ABILITY",
                "cold you evr bounce postgres on your own thanks | ABILITY",
                "scale dwn the api to 1                    | UNSUPPORTED",
                "ok so anyhting awaiting sign-off          | PENDING",
                "dno't approve 77                          | DENY",
                "do't approve 518                          | DENY",
                "let me see the approval queue             | PENDING",
            })
    void speechActRulesReadMistypedAndPrefacedQuestions(String text, Kind kind) {
        assertThat(ACTS.first(prepared(text), kind)).as(prepared(text)).contains(kind);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "quick one: why did you restart redis     | audit",
                "ok so did anyone bounce worker            | audit",
                "hey should we add more redis replicas?    | help",
                "so should we add more the nginx repliccas thx | help",
                "shoud i mute the worker backlog alert     | help",
                "ok so it saffe to restart the api now     | health_check",
                "woud restarting the cache be safe right now | health_check",
                "can you evn restart stuff                 | help",
                "coud you ever bounce the worker on your own | help",
                "scale dwn the api to 1                    | out_of_scope",
                "ok so don't restart postgresql            | out_of_scope",
                "ok so no need to restart the cache thanks | out_of_scope",
                "neer restart nginx without asking         | out_of_scope",
                "don''t approve act-204                    | deny",
                "ok so knock knock                         | out_of_scope",
                "quick one: do'nt restart the worker, just check it | health_check",
                "show me the approval queue                | pending_approvals",
            })
    void interpreterAnswersThemWithoutProposingAChange(String text, String intent) {
        Interpretation got = interpreter.interpret(text, null);
        assertThat(got.intent().label()).as(text).isEqualTo(intent);
    }

    @Test
    void aQuestionNoRuleExplainsIsHelpNotAChange() {
        // No readiness, hypothetical or past phrasing: only its opening says it is a question.
        Interpretation got = interpreter.interpret("is the worker due a restart", null);
        assertThat(got.intent().isMutating() && !got.clarify())
                .as(got.intent().label())
                .isFalse();
        assertThat(ACTS.matches(Kind.QUESTION, prepared("hey, is the worker due a restart")))
                .isTrue();
    }

    @Test
    void aMistypedDontStillNegates() {
        SpeechActs.Scoped scoped =
                ACTS.scope(ACTS.withoutOpening(ACTS.repair("quick one: do'nt restart the worker, just check it")));
        assertThat(scoped.dropped()).contains("restart the worker");
        assertThat(scoped.remaining()).isEqualTo("check it");
    }

    @Test
    void anOkInAQuestionApprovesNothing() {
        for (String text : new String[] {"quick one: is everythign ok thanks", "is 518 ok?", "hey, was act-12 ok"}) {
            Interpretation got = interpreter.interpret(text, null);
            assertThat(got.intent() == Intent.APPROVE && !got.clarify())
                    .as(text + " -> " + got.intent().label())
                    .isFalse();
        }
    }

    @Test
    void requestsPhrasedAsQuestionsStillAsk() {
        assertThat(ACTS.matches(Kind.QUESTION, prepared("can you restart nginx on app")))
                .isFalse();
        assertThat(ACTS.matches(Kind.QUESTION, prepared("could we get an additional worker replica")))
                .isFalse();
        assertThat(interpreter
                        .interpret("hey, restart nginx on app please", null)
                        .intent())
                .isEqualTo(Intent.RESTART_SERVICE);
        assertThat(interpreter.interpret("ok so restart the worker", null).intent())
                .isEqualTo(Intent.RESTART_SERVICE);
    }

    @Test
    void wordsOperatorsUseAreNotRepaired() {
        // "cold", "hold", "sale" are words; only what no operator writes is a typo.
        assertThat(ACTS.repair("restart the worker and show the logs for nginx"))
                .isEqualTo("restart the worker and show the logs for nginx");
        assertThat(ACTS.repair("shoud i")).isEqualTo("should i");
        assertThat(ACTS.repair("hold off on 518")).isEqualTo("hold off on 518");
        // "don't" and "dont" are one word: the choice between them is fixed, so the training text is the same on every
        // run.
        assertThat(ACTS.repair("dno't restart it")).isEqualTo("don't restart it");
        // A misplaced apostrophe the negation phrasing reads as typed ("do'nt", "dont'", "don;t") needs no repair.
        assertThat(ACTS.repair("do'nt restart it")).isEqualTo("do'nt restart it");
    }
}
