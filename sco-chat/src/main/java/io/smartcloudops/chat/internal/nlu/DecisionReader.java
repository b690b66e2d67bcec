package io.smartcloudops.chat.internal.nlu;

import io.smartcloudops.chat.internal.nlu.SpeechActs.Kind;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a message approves or denies, read from its decision words once the speech-act rules
 * have found it is said now (not asked, not about the past, not hypothetical). Words decide
 * rather than the classifier wherever they are plain: a decision about a named id ("nix 518"), a
 * decision on an action named as a thing ("veto the nginx restart", which the classifier drew to
 * the restart it names), a refused approval in any tense ("not going to sign off on it": a deny),
 * and a negated denial ("don't block 518"), which is no denial and no authorisation either, so it
 * is read as an approval that must be asked about. Immutable.
 */
final class DecisionReader {

    /** What the words decide; {@code ask} when the decision may only be asked about, never taken. */
    record Decision(Intent intent, boolean ask) {}

    /** Where an id is no decision's: "explain an-208", "who approved 518", "anomalies since 77". */
    private static final Set<Intent> ID_READERS = EnumSet.of(Intent.EXPLAIN_ANOMALY, Intent.AUDIT, Intent.ANOMALIES);

    /** Kinds of speech act under which no decision word decides: the text asks about a decision. */
    private static final Set<Kind> NOT_SAID_NOW = EnumSet.of(Kind.PAST, Kind.HYPOTHETICAL, Kind.HOWTO, Kind.ABILITY);

    /** A message of at most this many words that is a decision word ("veto", "block it") is that decision. */
    private static final int BARE_WORDS = 2;

    /** The decision word, and what it is said of or a courtesy ("block it", "nope thanks"). */
    private static final Pattern BARE =
            Pattern.compile("[\\w'-]+(?:\\s+(?:it|that|this|one|please|pls|thanks|thx|ty))?[.!]*");

    private final SpeechActs acts;

    DecisionReader(SpeechActs acts) {
        this.acts = acts;
    }

    /**
     * @param lower the request as the classifier sees it (negated clauses and openings removed)
     * @param corrected the whole message, repaired: "ok the nginx restart" keeps its "ok" here
     * @param intent the classifiers' reading, which a plain decision word overrules
     * @param act the speech act the rules found, if any
     */
    Optional<Decision> read(
            String lower, String corrected, Intent intent, Map<String, Object> mentions, Optional<Kind> act) {
        // "why are you not approving 518?" holds a refusal but asks about one: no decision word decides a question.
        if (acts.matches(Kind.QUESTION, lower)
                || act.filter(NOT_SAID_NOW::contains).isPresent()) {
            return Optional.empty();
        }
        boolean nominal = acts.matches(Kind.DECIDED, corrected);
        // The decision word of "ok the nginx restart" went with the opening; the whole message still has it.
        String words = nominal && !decisionWords(lower) ? corrected : lower;
        boolean refused = acts.matches(Kind.REFUSAL, words);
        boolean waived = acts.matches(Kind.WAIVER, words);
        // "veto", "block it", "nope": the word alone; "everything ok" is no bare "ok".
        boolean bare = lower.strip().split("\\s+").length <= BARE_WORDS
                && BARE.matcher(lower.strip()).matches();
        boolean aboutADecision = intent == Intent.APPROVE
                || intent == Intent.DENY
                || refused
                || waived
                || nominal
                || bare && decisionWords(lower)
                || mentions.containsKey(SlotExtractor.ID) && !ID_READERS.contains(intent);
        if (!aboutADecision) {
            return Optional.empty();
        }
        // "518 is approved? please": a decision word beside a question mark is asked about, not taken.
        boolean asked = lower.contains("?");
        if (waived && !refused) {
            return Optional.of(new Decision(Intent.APPROVE, true));
        }
        if (refused || acts.matches(Kind.DENY, words)) {
            return Optional.of(new Decision(Intent.DENY, asked));
        }
        if (acts.matches(Kind.APPROVE, words)) {
            return Optional.of(new Decision(Intent.APPROVE, asked));
        }
        return Optional.empty();
    }

    private boolean decisionWords(String text) {
        return acts.matches(Kind.DENY, text) || acts.matches(Kind.APPROVE, text) || acts.matches(Kind.WAIVER, text);
    }
}
