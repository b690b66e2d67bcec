package io.smartcloudops.chat.internal.nlu;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds every entity a text names, normalised to the slot conventions, whatever the intent. The
 * {@link SlotPolicy} later keeps the ones that are slots of the recognised intent; the rest are
 * still remembered as mentions, so "kick it" can refer to "postgres on the web box" said before.
 *
 * <p>The span is reported under the neutral key {@code span} and the identifier under {@code id};
 * the policy renames them ({@code range}, {@code horizon} or {@code duration}; {@code action_id}
 * or {@code anomaly_id}).
 */
public final class SlotExtractor {

    public static final String SERVICE = "service";
    public static final String HOST = "host";
    public static final String METRIC = "metric";
    public static final String SPAN = "span";
    public static final String LINES = "lines";
    public static final String REPLICAS = "replicas";
    public static final String INSTANCE_TYPE = "instance_type";
    public static final String LEVEL = "level";
    public static final String SEVERITY = "severity";
    public static final String ALERT = "alert";
    public static final String ID = "id";
    /**
     * The one number the text states with no unit, no prefix and no role of its own ("ship 518",
     * "redis logs 50"), as written; absent when there are none or several. Only an intent with one
     * number-valued slot reads it ({@link SlotPolicy}): a decision's action id, a log request's line count.
     */
    public static final String NUMBER = "number";
    /** A host named in the text as written, when it is not one the vocabulary knows ("db-7", "10.0.0.5"). */
    public static final String HOST_AS_WRITTEN = "host_as_written";
    /** The object of an action verb as written, when it names no service the vocabulary knows ("restart mysql"). */
    public static final String SERVICE_AS_WRITTEN = "service_as_written";
    /** The approval the previous turn's confirmed request created, which a bare "approve it" may mean. */
    public static final String PREVIOUS_APPROVAL = "previous_approval";

    private static final Pattern NAMED_HOST = Pattern.compile(
            "\\b(?:on|at|@|from|host|box|server|machine|node)\\s+(?:the\\s+)?(?:(?:host|box|server|machine|node|instance)\\s+)?"
                    + "(\\d{1,3}(?:\\.\\d{1,3}){3}|[a-z][a-z0-9]*(?:[-.][a-z0-9]+)*-?\\d+[a-z0-9.-]*|[a-z][a-z0-9-]*\\.[a-z0-9.-]+)(?![\\w.-])");
    private static final Pattern ACTION_OBJECT = Pattern.compile(
            "\\b(?:restart|re-start|bounce|kick|reboot|cycle|recycle|scale(?: up)?|health[- ]?check|check|ping)\\s+(?:the\\s+)?([a-z][a-z0-9_-]{1,30})\\b");
    private static final Set<String> NOT_A_SERVICE = Set.of(
            "it",
            "that",
            "this",
            "them",
            "everything",
            "all",
            "service",
            "services",
            "stuff",
            "things",
            "thing",
            "something",
            "anything",
            "up",
            "on",
            "whether",
            "if",
            "status",
            "health",
            "again",
            "now",
            "please",
            "pls",
            "whatever",
            "box",
            "host",
            "server",
            "machine",
            "one",
            "same",
            "to",
            "by",
            "out",
            "for",
            "back",
            "down",
            "in",
            "a",
            "an",
            "our",
            "my",
            "your",
            "logs",
            "alerts",
            "app",
            "monitor",
            "replicas",
            "instances");

    private static final String N = "(" + NumberWords.ALTERNATIVES + ")";
    private static final String SERVICE_WORDS =
            "(?:(?:api|java|nginx|postgres|redis|worker|grafana|prometheus|web|app|db|cache)\\s+)?";
    private static final String REPLICA_UNITS =
            "(?:replicas?|instances?|nodes?|copies|pods?|containers?|workers?|servers?|boxes)";
    private static final Pattern ONE_MORE =
            Pattern.compile("(?<!\\w)(another|an additional|an extra|one more|one extra|one additional)(?!\\w)");
    private static final Pattern N_MORE =
            Pattern.compile("(?<![\\w.-])" + N + "\\s+(?:more|additional|extra|new)(?!\\w)");
    private static final Pattern N_UNITS =
            Pattern.compile("(?<![\\w.-])" + N + "\\s+" + SERVICE_WORDS + REPLICA_UNITS + "(?!\\w)");
    private static final Pattern TO_N = Pattern.compile("(?:(?<!\\w)(?:to|by)\\s+|(?:->|\u2192)\\s*)(\\d{1,4}|"
            + NumberWords.COUNT_WORDS + ")(?![\\w.:-])(?!\\s*(?:%|percent|m\\b|min|h\\b|hours?|days?|weeks?|lines))");
    /** A bare count given as a correction ("make it 5", "actually 4", "change that to six"): only a count of copies is bare. */
    private static final Pattern MAKE_IT_N = Pattern.compile(
            "(?:\\b(?:make|change|set|bump|up|raise|increase)\\s+(?:it|that|this)(?:\\s+(?:to|up to))?|^(?:actually|rather|no,?\\s+make it)|^(?:make it|go with|let'?s do|let'?s go with))"
                    + "\\s+(\\d{1,4}|" + NumberWords.COUNT_WORDS
                    + ")\\s*(?:instead|then|please|pls|replicas?|instances?|copies)?\\s*[.!?]*$");

    private static final String NO_UNIT =
            "(?![\\w.:%-])(?!\\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|months?|%|percent)\\b)";
    private static final Pattern LINE_COUNT = Pattern.compile("(?<![\\w.-])" + N
            + "\\s+(?:(?:error|warn(?:ing)?|info|debug)\\s+)?(?:log\\s+)?(?:lines?|entries|messages|rows)(?!\\w)|(?:tail|head)\\s+(?:-n\\s*)?(\\d{1,6})(?!\\w)|-n\\s*(\\d{1,6})"
            // "logs prometheus last 100", "last 50 nginx logs": with no time unit, "last N" of logs counts lines.
            + "|\\blogs?\\b.{0,40}?\\b(?:last|latest|first|recent)\\s+(\\d{1,6})" + NO_UNIT
            + "|\\b(?:last|latest|first|recent)\\s+(\\d{1,6})" + NO_UNIT + "\\s+(?:[a-z_-]+\\s+){0,2}?logs?\\b");
    private static final Pattern INSTANCE = Pattern.compile(
            "(?<![\\w.-])([a-z][a-z0-9]*\\d[a-z0-9-]*\\.(?:nano|micro|small|medium|large|\\d*xlarge|metal(?:-\\d+xl)?))(?![\\w.])");
    private static final Pattern PREFIXED_ID =
            Pattern.compile("(?<![\\w-])((?!(?:app|mon|web|sev|node|p)-)[a-z]{2,6}-\\d{1,12})(?![\\w-])");
    private static final Pattern HASH_ID = Pattern.compile("#\\s?([a-z0-9][a-z0-9-]{0,40})");
    private static final Pattern NAMED_ID = Pattern.compile(
            "(?<!\\w)(?:action|anomaly|request|approval|id|number|no\\.?|ticket|approve|approved|deny|denied|reject|cancel|accept|explain"
                    + "|veto|nix|greenlight|rubber-stamp|decline|block|sign off)"
                    + "\\s+(?:on\\s+|for\\s+)?(?:id\\s+|number\\s+)?#?(\\d{1,12})(?![\\w.:%-])(?!\\s*(?:m|min|mins|minutes?|h|hours?|days?|lines|replicas|more)\\b)");

    /**
     * A number standing alone: digits not inside a word, an id, an address or a decimal ("mon-1",
     * "#77", "1.5", "p99" are not), or a count word, followed by no unit of time, size, share or
     * things counted ("30 min", "5%", "20 lines", "3 replicas" each say what they count).
     */
    private static final Pattern BARE_NUMBER = Pattern.compile("(?<![\\w.#:/$-])(\\d{1,12}|a hundred|"
            + NumberWords.COUNT_WORDS.replace("one|", "")
            + ")(?![\\w.:%/-])(?!\\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?"
            + "|months?|years?|%|percent|x|times|[kmgt]i?b|bytes?|lines?|entries|rows|messages|replicas?|instances?"
            + "|copies|nodes?|pods?|containers?|more|additional|extra|new|of|am|pm|o'?clock)\\b)");

    private SlotExtractor() {}

    /** The canonical names of the deployment's services the vocabulary knows ({@code nginx}, {@code postgres}, ...). */
    public static List<String> knownServices() {
        return Vocabulary.SERVICES.stream().map(Vocabulary.Term::value).toList();
    }

    /**
     * The example deployment's layout (README: nginx, api, postgres, redis, worker, node_exporter on
     * app; prometheus and grafana on monitor), service to host, for hosts whose view lists no services.
     */
    public static Map<String, String> exampleLayout() {
        return Vocabulary.HOST_OF_SERVICE;
    }

    /** The vocabulary's canonical name of a host name as a whole ("app-1" is app, "mon-1" is monitor), if it knows one. */
    public static Optional<String> canonicalHost(String name) {
        String lower = name.toLowerCase(Locale.ROOT).strip();
        return Vocabulary.all(Vocabulary.HOSTS, "on " + lower).stream()
                .filter(f -> f.start() == 3 && f.end() == lower.length() + 3)
                .map(Vocabulary.Found::value)
                .findFirst();
    }

    /** Every entity in the text, in the canonical form; keys are the constants of this class. */
    public static Map<String, Object> extract(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        Map<String, Object> out = new LinkedHashMap<>();
        Vocabulary.first(Vocabulary.SERVICES, lower).ifPresent(f -> out.put(SERVICE, f.value()));
        Vocabulary.first(Vocabulary.HOSTS, lower).ifPresent(f -> out.put(HOST, f.value()));
        Vocabulary.first(Vocabulary.METRICS, lower).ifPresent(f -> out.put(METRIC, f.value()));
        DurationPhrase.find(lower).ifPresent(d -> out.put(SPAN, DurationPhrase.iso(d)));
        lineCount(lower).ifPresent(n -> out.put(LINES, n));
        replicas(lower).ifPresent(n -> out.put(REPLICAS, n));
        group(INSTANCE, lower).ifPresent(v -> out.put(INSTANCE_TYPE, v));
        Vocabulary.first(Vocabulary.LEVELS, lower).ifPresent(f -> out.put(LEVEL, f.value()));
        Vocabulary.first(Vocabulary.SEVERITIES, lower).ifPresent(f -> out.put(SEVERITY, f.value()));
        Vocabulary.first(Vocabulary.ALERTS, lower).ifPresent(f -> out.put(ALERT, f.value()));
        identifier(lower).ifPresent(v -> out.put(ID, v));
        bareNumber(lower).ifPresent(v -> out.put(NUMBER, v));
        if (!out.containsKey(HOST)) {
            Matcher h = NAMED_HOST.matcher(lower);
            while (h.find()) {
                String named = h.group(1);
                if (!named.equals(out.get(INSTANCE_TYPE))
                        && !named.matches("\\d+")
                        && !named.matches("(?:an|act|apr|sil|prop)-\\d+")) {
                    // "on db-7" names a host, even though "db-7" has the shape of an identifier.
                    out.remove(ID, named);
                    out.put(HOST_AS_WRITTEN, named);
                    break;
                }
            }
        }
        if (!out.containsKey(SERVICE)) {
            Matcher o = ACTION_OBJECT.matcher(lower);
            if (o.find()
                    && !NOT_A_SERVICE.contains(o.group(1))
                    && Vocabulary.first(Vocabulary.HOSTS, o.group(1)).isEmpty()
                    && !o.group(1).equals(out.get(HOST_AS_WRITTEN))) {
                out.put(SERVICE_AS_WRITTEN, o.group(1));
            }
        }
        return Map.copyOf(out);
    }

    /** The text's only bare number ({@link #BARE_NUMBER}); none when two compete, since then neither is plainly meant. */
    private static Optional<String> bareNumber(String lower) {
        Matcher m = BARE_NUMBER.matcher(lower);
        String found = null;
        while (m.find()) {
            if (found != null) {
                return Optional.empty();
            }
            found = m.group(1);
        }
        return Optional.ofNullable(found);
    }

    private static Optional<Integer> lineCount(String lower) {
        Matcher m = LINE_COUNT.matcher(lower);
        while (m.find()) {
            for (int g = 1; g <= m.groupCount(); g++) {
                if (m.group(g) != null) {
                    OptionalInt n = NumberWords.parse(m.group(g));
                    if (n.isPresent() && n.getAsInt() > 0) {
                        return Optional.of(n.getAsInt());
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Integer> replicas(String lower) {
        for (Pattern p : new Pattern[] {N_UNITS, N_MORE, TO_N, MAKE_IT_N}) {
            Matcher m = p.matcher(lower);
            while (m.find()) {
                OptionalInt n = NumberWords.parse(m.group(1));
                if (n.isPresent() && n.getAsInt() > 0 && n.getAsInt() <= 1000) {
                    return Optional.of(n.getAsInt());
                }
            }
        }
        return ONE_MORE.matcher(lower).find() ? Optional.of(1) : Optional.empty();
    }

    private static Optional<String> identifier(String lower) {
        Optional<String> id = group(PREFIXED_ID, lower);
        if (id.isEmpty()) {
            id = group(HASH_ID, lower);
        }
        if (id.isEmpty()) {
            id = group(NAMED_ID, lower);
        }
        return id;
    }

    private static Optional<String> group(Pattern p, String lower) {
        Matcher m = p.matcher(lower);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
