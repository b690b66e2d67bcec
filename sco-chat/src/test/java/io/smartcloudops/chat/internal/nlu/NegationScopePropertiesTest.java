package io.smartcloudops.chat.internal.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Negation and retraction scope on generated sentences: whatever the service, the wording of the
 * negation and of the read-only request after it, a negated or retracted action is never the
 * intent, and the whole text is understood exactly as the read-only request that remains would be
 * on its own (same intent, its slots), so scope does not depend on how well that request is classified.
 */
class NegationScopePropertiesTest {

    private static final Set<String> MUTATING = Set.of("restart_service", "scale_up", "silence", "approve");
    private static final QueryInterpreter INTERPRETER = QueryInterpreter.bundled(2000, 0.40);

    /** @param rest the read-only request alone, whose answer the whole text must get */
    record Case(String text, String rest) {}

    private static Arbitrary<String> services() {
        return Arbitraries.of(
                "nginx", "the api", "postgres", "redis", "the worker", "grafana", "the cache", "the database");
    }

    private static Arbitrary<String> actions() {
        return Arbitraries.of("restart", "bounce", "kick", "cycle", "scale up", "reboot");
    }

    /** A read-only request and its intent; "%s" is the service. */
    private static Arbitrary<String[]> reads() {
        return Arbitraries.of(
                new String[] {"show me the logs for %s", "logs"},
                new String[] {"show the error logs of %s", "logs"},
                new String[] {"what's the cpu of %s", "metric_query"},
                new String[] {"show memory for %s over the last hour", "metric_query"},
                new String[] {"any alerts for %s?", "alerts"},
                new String[] {"list open alerts", "alerts"},
                new String[] {"give me the status", "status"});
    }

    @Provide
    Arbitrary<Case> negated() {
        Arbitrary<String> negation = Arbitraries.of(
                "don't", "do not", "please don't", "no need to", "never", "dont", "dont'", "do'nt", "don;t");
        Arbitrary<String> joiner = Arbitraries.of(", just ", ", ", "; instead ", " but ", ", only ", ". ");
        return Combinators.combine(negation, actions(), services(), joiner, reads(), services())
                .as((neg, act, svc, join, read, other) -> new Case(
                        neg + " " + act + " " + svc + join + String.format(read[0], other),
                        String.format(read[0], other)));
    }

    @Provide
    Arbitrary<Case> retracted() {
        Arbitrary<String> retraction = Arbitraries.of(
                ", no wait, ",
                " - actually no, ",
                ". scratch that, ",
                ", hold on, ",
                "... on second thought ",
                ", never mind, ");
        return Combinators.combine(actions(), services(), retraction, reads(), services())
                .as((act, svc, ret, read, other) ->
                        new Case(act + " " + svc + ret + String.format(read[0], other), String.format(read[0], other)));
    }

    @Provide
    Arbitrary<String> bareNegations() {
        // "don't" typed fast: no apostrophe, a stray or misplaced one, or the key beside it.
        Arbitrary<String> negation =
                Arbitraries.of("don't", "do not", "please don't", "never", "dont", "dont'", "do'nt", "don;t", "don,t");
        return Combinators.combine(negation, actions(), services()).as((neg, act, svc) -> neg + " " + act + " " + svc);
    }

    /** A refused approval: a negation in any tense before a decision word, and what it decides on. */
    @Provide
    Arbitrary<String> refusedApprovals() {
        Arbitrary<String[]> negation = Arbitraries.of(
                new String[] {"not", "ing"},
                new String[] {"i'm not", "ing"},
                new String[] {"i won't be", "ing"},
                new String[] {"we are not", "ing"},
                new String[] {"i won't", ""},
                new String[] {"i can't", ""},
                new String[] {"i refuse to", ""},
                new String[] {"we will not", ""},
                new String[] {"never", ""});
        Arbitrary<String[]> decision = Arbitraries.of(
                new String[] {"approve", "approving"},
                new String[] {"greenlight", "greenlighting"},
                new String[] {"sign off on", "signing off on"},
                new String[] {"authorise", "authorising"},
                new String[] {"rubber-stamp", "rubber-stamping"});
        Arbitrary<String> what = Arbitraries.of("518", "act-204", "it", "that", "the nginx restart", "this one");
        return Combinators.combine(negation, decision, what)
                .as((neg, dec, obj) -> neg[0] + " " + (neg[1].isEmpty() ? dec[0] : dec[1]) + " " + obj);
    }

    @Property(tries = 100)
    void aRefusedApprovalDenies(@ForAll("refusedApprovals") String text) {
        Interpretation in = INTERPRETER.interpret(text, null);
        assertThat(in.intent()).as(text).isEqualTo(Intent.DENY);
    }

    @Property(tries = 150)
    void aNegatedActionIsDroppedAndTheRestIsAnswered(@ForAll("negated") Case c) {
        Interpretation in = INTERPRETER.interpret(c.text(), null);
        Interpretation alone = INTERPRETER.interpret(c.rest(), null);
        assertThat(in.intent().label())
                .as(c.text())
                .isNotIn(MUTATING)
                .isEqualTo(alone.intent().label());
        assertThat(in.slots()).as(c.text()).containsAllEntriesOf(alone.slots());
    }

    @Property(tries = 150)
    void aRetractedActionIsDroppedAndTheRestIsAnswered(@ForAll("retracted") Case c) {
        Interpretation in = INTERPRETER.interpret(c.text(), null);
        Interpretation alone = INTERPRETER.interpret(c.rest(), null);
        assertThat(in.intent().label())
                .as(c.text())
                .isNotIn(MUTATING)
                .isEqualTo(alone.intent().label());
        assertThat(in.slots()).as(c.text()).containsAllEntriesOf(alone.slots());
    }

    @Property(tries = 80)
    void aBareNegatedActionLeavesNothingToDo(@ForAll("bareNegations") String text) {
        Interpretation in = INTERPRETER.interpret(text, null);
        assertThat(in.intent()).as(text).isEqualTo(Intent.OUT_OF_SCOPE);
        assertThat(in.refusal()).as(text).isEqualTo(Interpretation.Refusal.NOTHING_LEFT);
    }
}
