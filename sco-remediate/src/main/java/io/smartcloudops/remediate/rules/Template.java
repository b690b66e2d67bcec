package io.smartcloudops.remediate.rules;

import io.smartcloudops.api.metric.Labels;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The small subset of Prometheus' Go templates that annotations use: {@code {{ $labels.name }}},
 * {@code {{ $value }}} and {@code {{ $value | printf "%.1f" }}}. Anything else in braces is a load
 * error, so a typo cannot reach a pager as raw braces.
 */
final class Template {
    private static final Pattern ACTION = Pattern.compile("\\{\\{(.*?)}}", Pattern.DOTALL);
    private static final Pattern LABEL = Pattern.compile("\\s*\\$labels\\.([a-zA-Z_][a-zA-Z0-9_]*)\\s*");
    private static final Pattern VALUE =
            Pattern.compile("\\s*\\$value\\s*(\\|\\s*printf\\s+\"(%[0-9.]*[fdeg])\"\\s*)?");

    private Template() {}

    /** Null when the template is valid, else what is wrong. */
    static String problem(String template) {
        Matcher m = ACTION.matcher(template);
        int end = 0;
        while (m.find()) {
            String inner = m.group(1);
            if (!LABEL.matcher(inner).matches() && !VALUE.matcher(inner).matches()) {
                return "unsupported template action '{{" + inner + "}}' (use {{ $labels.NAME }} or {{ $value }})";
            }
            end = m.end();
        }
        String rest = template.substring(end);
        if (rest.contains("{{") || rest.contains("}}")) {
            return "unbalanced '{{' or '}}' in template";
        }
        return null;
    }

    static String render(String template, Labels labels, double value) {
        Matcher m = ACTION.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String inner = m.group(1);
            Matcher label = LABEL.matcher(inner);
            Matcher val = VALUE.matcher(inner);
            String replacement;
            if (label.matches()) {
                String v = labels.get(label.group(1));
                replacement = v == null ? "" : v;
            } else if (val.matches()) {
                replacement = val.group(2) != null ? formatted(val.group(2), value) : plain(value);
            } else {
                replacement = m.group();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String formatted(String format, double value) {
        return format.endsWith("d")
                ? String.format(Locale.ROOT, format, (long) value)
                : String.format(Locale.ROOT, format, value);
    }

    private static String plain(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? String.valueOf((long) value)
                : String.valueOf(value);
    }
}
