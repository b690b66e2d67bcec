package io.smartcloudops.remediate.match;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.smartcloudops.api.metric.Labels;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The one label-matching language of SmartCloudOps, used by rule selectors, remediation policies,
 * inhibit rules and silences: {@code name="value"}, {@code name!="value"}, {@code name=~"regex"} and
 * {@code name!~"regex"}, with Alertmanager's semantics: a regex is fully anchored
 * ({@code ^(?:regex)$}) and an absent label matches as the empty string.
 *
 * <p>Regexes run on RE2/J, as Prometheus and Alertmanager run Go's RE2: matching is linear in the
 * value's length whatever the pattern, so a matcher posted through the API ({@code (.*a){16}})
 * cannot hang the router (#13 item 6). RE2 has no back-references or look-around; such patterns are
 * refused with the parser's message, as Prometheus refuses them.
 *
 * <pre>{@code
 * Matcher m = Matcher.parse("host=~\"app|web\"");
 * boolean hit = m.matches(Labels.of("host", "app")); // true
 * }</pre>
 */
public record Matcher(String name, Op op, String value, Pattern regex) {
    /** The four matcher operators. */
    public enum Op {
        EQ("="),
        NE("!="),
        RE("=~"),
        NRE("!~");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    private static final Pattern SYNTAX =
            Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*");
    private static final List<String> PROBES = probes();

    public Matcher {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(value, "value");
        if ((op == Op.RE || op == Op.NRE) && regex == null) {
            throw new IllegalArgumentException("a regex matcher needs its compiled pattern; use Matcher.of");
        }
    }

    public static Matcher of(String name, Op op, String value) {
        Pattern regex = null;
        if (op == Op.RE || op == Op.NRE) {
            if (value.length() > 256) {
                throw new IllegalArgumentException("matcher regex longer than 256 characters");
            }
            try {
                regex = Pattern.compile("^(?:" + value + ")$");
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(
                        "invalid regex in matcher " + name + op.symbol + "\"" + value + "\": " + e.getDescription()
                                + " (RE2 syntax, as in Prometheus: no back-references or look-around)",
                        e);
            }
        }
        return new Matcher(name, op, value, regex);
    }

    public static Matcher equal(String name, String value) {
        return of(name, Op.EQ, value);
    }

    /** Parses {@code name="value"} and the other three forms. */
    public static Matcher parse(String text) {
        com.google.re2j.Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("bad matcher '" + text
                    + "'; expected name=\"value\", name!=\"value\", name=~\"regex\" or name!~\"regex\"");
        }
        Op op = switch (m.group(2)) {
            case "=" -> Op.EQ;
            case "!=" -> Op.NE;
            case "=~" -> Op.RE;
            default -> Op.NRE;
        };
        return of(m.group(1), op, m.group(3).replace("\\\"", "\"").replace("\\\\", "\\"));
    }

    public boolean matches(Labels labels) {
        String v = labels.get(name);
        return matchesValue(v == null ? "" : v);
    }

    /** Whether this matcher accepts the label value {@code actual} ({@code ""} for an absent label). */
    public boolean matchesValue(String actual) {
        return switch (op) {
            case EQ -> actual.equals(value);
            case NE -> !actual.equals(value);
            case RE -> regex.matches(actual);
            case NRE -> !regex.matches(actual);
        };
    }

    /**
     * Whether a set of matchers would match every alert, so a silence made of them would mute
     * everything. Two ways there: Alertmanager's own rule (every matcher matches the empty label
     * set, {@code host=~".*"}), and matchers that ask no more than that a label is present
     * ({@code alertname=~".+"}, {@code alertname!=""}): every alert has an {@code alertname}, and a
     * matcher that accepts any non-empty value of a label narrows nothing. The second is decided on
     * the matcher itself, by asking it about a fixed, varied set of non-empty values (letters,
     * digits, punctuation, spaces, non-ASCII, lengths 1 to 64; no control characters, so
     * {@code .+} counts as "any value" as an operator means it); a matcher that refuses any of them
     * narrows the set. It errs only towards refusing: a regex that accepts all of those values but
     * not some other one is treated as matching all.
     */
    public static boolean matchAllAlerts(Collection<Matcher> matchers) {
        if (matchers.isEmpty() || matchers.stream().allMatch(m -> m.matchesValue(""))) {
            return true;
        }
        return matchers.stream()
                .allMatch(m -> m.acceptsEveryPresentValue() && (m.name.equals("alertname") || m.matchesValue("")));
    }

    private boolean acceptsEveryPresentValue() {
        return PROBES.stream().allMatch(this::matchesValue);
    }

    private static List<String> probes() {
        String alphabet = "abcxyzABCXYZ019_-.:/ \"'\\*+?()[]{}|^$éßλ中\uD83D\uDE00";
        SplittableRandom random = new SplittableRandom(13);
        List<String> out = new ArrayList<>(List.of("a", "Z", "0", " ", ".", "NginxDown", "critical", "app"));
        for (int i = 0; i < 200; i++) {
            int len = 1 + random.nextInt(64);
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < len; j++) {
                int at = random.nextInt(alphabet.length());
                char c = alphabet.charAt(at);
                if (Character.isHighSurrogate(c) && at + 1 < alphabet.length()) {
                    sb.append(c).append(alphabet.charAt(at + 1));
                } else if (!Character.isLowSurrogate(c)) {
                    sb.append(c);
                }
            }
            if (!sb.isEmpty()) {
                out.add(sb.toString());
            }
        }
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return name + op.symbol + "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
