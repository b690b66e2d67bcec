package io.smartcloudops.chat.internal.nlu;

import static io.smartcloudops.chat.internal.nlu.SlotExtractor.HOST;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.ID;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.METRIC;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.SERVICE;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Resolves a turn against the one before it. Three kinds of follow-up are recognised:
 * <ul>
 *   <li>a continuation ("same for the api", "and cpu?", "what about redis") repeats the previous
 *       intent with the newly named entities replacing the old ones;</li>
 *   <li>a reference ("kick it", "restart that", "what's behind the disk one?") keeps its own intent
 *       and takes the missing service, host or metric from the previous turn;</li>
 *   <li>a bare decision ("yes, go ahead", "actually no, scrap that") approves or denies the action the
 *       previous turn proposed.</li>
 * </ul>
 */
final class FollowUpResolver {

    /**
     * The result: the intent to report, every mention to use, whether the previous turn contributed,
     * and whether the intent itself came from it (a continuation).
     */
    record Resolved(Intent intent, Map<String, Object> mentions, boolean followUp, boolean intentFromPrevious) {
        Resolved(Intent intent, Map<String, Object> mentions, boolean followUp) {
            this(intent, mentions, followUp, false);
        }
    }

    private static final Pattern CONTINUATION = Pattern.compile(
            "^(and|also|same|ditto|what about|how about|now|then|plus|likewise|(ok(ay)?|alright|right|cool|got it),? (and|now|then|so|what about|how about)|same thing|do the same"
                    + "|make (it|that)|change (it|that)( to)?|extend (it|that)?( to)?|(rather|actually),? "
                    // A bare qualifier ("over the last 6 hours", "only critical") completes the previous request.
                    + "|for|over|in|on|during|from|since|within|across|only|just)\\b|\\b(too|as well|instead)\\W*$");
    private static final Pattern REFERENCE = Pattern.compile(
            "\\b(it|that|this|them|those|there|its|the same|that one|this one|the \\w+ one|same (one|service|host|box|thing))\\b");
    private static final Set<Intent> REPEATABLE = EnumSet.of(
            Intent.METRIC_QUERY,
            Intent.ANOMALIES,
            Intent.EXPLAIN_ANOMALY,
            Intent.ALERTS,
            Intent.LOGS,
            Intent.RESTART_SERVICE,
            Intent.SCALE_UP,
            Intent.HEALTH_CHECK,
            Intent.FORECAST,
            Intent.AUDIT,
            Intent.SILENCE);
    private static final Set<Intent> TARGETED =
            EnumSet.of(Intent.RESTART_SERVICE, Intent.SCALE_UP, Intent.HEALTH_CHECK);
    private static final Set<String> ENTITY_KEYS = Set.of(
            SERVICE,
            HOST,
            METRIC,
            SlotExtractor.SPAN,
            SlotExtractor.LEVEL,
            SlotExtractor.SEVERITY,
            SlotExtractor.LINES,
            SlotExtractor.REPLICAS,
            SlotExtractor.INSTANCE_TYPE,
            SlotExtractor.ALERT);

    private FollowUpResolver() {}

    /**
     * @param ownIntent the intent the text itself is confidently classified as, if it names one: what a
     *     continuation must not have ("and restart it too" names a restart; "and cpu?" names nothing)
     */
    static Resolved resolve(
            Intent predicted, Optional<Intent> ownIntent, String lower, Map<String, Object> mentions, Turn previous) {
        if (previous == null) {
            return new Resolved(predicted, mentions, false);
        }
        // A continuation comes first: "make it 5" after "scale the api to 3" amends the proposal rather
        // than approving it, though its embedding sits near "make it so".
        if (continues(previous, ownIntent, lower, mentions)) {
            return new Resolved(previous.intent(), carryOver(previous.mentions(), mentions), true, true);
        }
        if ((predicted == Intent.APPROVE || predicted == Intent.DENY)
                && !mentions.containsKey(ID)
                && previous.pendingApprovalId() != null) {
            Map<String, Object> m = new HashMap<>(mentions);
            m.put(SlotExtractor.PREVIOUS_APPROVAL, previous.pendingApprovalId());
            return new Resolved(predicted, m, true);
        }
        boolean reference = REFERENCE.matcher(lower).find();
        boolean bareCommand = TARGETED.contains(predicted)
                && !mentions.containsKey(SERVICE)
                && !mentions.containsKey(HOST)
                && lower.split("\\s+").length <= 3;
        if (reference || bareCommand) {
            Map<String, Object> m = new HashMap<>(mentions);
            boolean used = false;
            for (String key : new String[] {SERVICE, HOST, METRIC}) {
                Object old = previous.mentions().get(key);
                if (old != null
                        && !m.containsKey(key)
                        && (SlotPolicy.takes(predicted, key) || TARGETED.contains(predicted))
                        && consistent(key, old, m)) {
                    m.put(key, old);
                    used = true;
                }
            }
            return new Resolved(predicted, m, used);
        }
        return new Resolved(predicted, mentions, false);
    }

    /**
     * A continuation names only entities the previous intent takes and no intent of its own. It
     * either says so ("same for", "and", "what about") or is terse ("three more", "for 2h"); a terse
     * one repeats an action only when it fills a slot that action lacked, so "redis" after
     * "restart nginx" is not taken as "restart redis", while "redis" after "restart which service?" is.
     */
    private static boolean continues(
            Turn previous, Optional<Intent> ownIntent, String lower, Map<String, Object> mentions) {
        Set<String> named = new HashSet<>(mentions.keySet());
        named.retainAll(ENTITY_KEYS);
        boolean another = ownIntent.filter(i -> i != previous.intent()).isPresent();
        if (!REPEATABLE.contains(previous.intent()) || named.isEmpty() || another) {
            return false;
        }
        boolean fits = named.stream()
                .allMatch(k -> SlotPolicy.takes(previous.intent(), k)
                        || (HOST.equals(k) && TARGETED.contains(previous.intent())));
        if (!fits) {
            return false;
        }
        if (CONTINUATION.matcher(lower).find()) {
            return true;
        }
        boolean terse = lower.split("\\s+").length <= 3;
        boolean fillsGap = named.stream().anyMatch(k -> !previous.mentions().containsKey(k));
        return terse && (!previous.intent().isAction() || fillsGap);
    }

    /** The previous entities, with what this turn names replacing them. */
    private static Map<String, Object> carryOver(Map<String, Object> before, Map<String, Object> now) {
        Map<String, Object> m = new HashMap<>(before);
        m.putAll(now);
        Object service = now.get(SERVICE);
        if (service != null
                && !now.containsKey(HOST)
                && m.containsKey(HOST)
                && !m.get(HOST).equals(Vocabulary.HOST_OF_SERVICE.get(service.toString()))) {
            m.remove(HOST); // "restart prometheus on mon-1" then "same for redis": redis is not on mon-1
        }
        m.remove(ID);
        return m;
    }

    /** A host taken from the previous turn must be one that runs the service this turn names. */
    private static boolean consistent(String key, Object old, Map<String, Object> now) {
        if (HOST.equals(key) && now.containsKey(SERVICE)) {
            return old.equals(Vocabulary.HOST_OF_SERVICE.get(now.get(SERVICE).toString()));
        }
        return true;
    }
}
