package io.smartcloudops.remediate.match;

import io.smartcloudops.api.metric.Labels;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An Alertmanager label matcher: {@code name="value"}, {@code name!="value"}, {@code name=~"regex"}
 * or {@code name!~"regex"}. Regexes are anchored, as in Alertmanager; an absent label matches as
 * the empty string.
 */
public record Matcher(String name, Op op, String value, Pattern regex) {
    /** The four matcher operators. */
    public enum Op {
        EQ("="), NE("!="), RE("=~"), NRE("!~");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    private static final Pattern SYNTAX = Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*");

    public Matcher {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(value, "value");
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
                throw new IllegalArgumentException("invalid regex in matcher " + name + op.symbol + "\"" + value + "\": " + e.getDescription(), e);
            }
        }
        return new Matcher(name, op, value, regex);
    }

    public static Matcher equal(String name, String value) {
        return of(name, Op.EQ, value);
    }

    /** Parses {@code name="value"} and the other three forms. */
    public static Matcher parse(String text) {
        java.util.regex.Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("bad matcher '" + text + "'; expected name=\"value\", name!=\"value\", name=~\"regex\" or name!~\"regex\"");
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
        String actual = v == null ? "" : v;
        return switch (op) {
            case EQ -> actual.equals(value);
            case NE -> !actual.equals(value);
            case RE -> regex.matcher(actual).matches();
            case NRE -> !regex.matcher(actual).matches();
        };
    }

    @Override
    public String toString() {
        return name + op.symbol + "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
