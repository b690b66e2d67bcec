package io.smartcloudops.remediate.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the PromQL subset our rules accept:
 * <ul>
 *   <li>{@code node_cpu_usage_percent{host="app"} > 90} — a threshold on the newest value;</li>
 *   <li>{@code anomaly_score(node_cpu_usage_percent) >= 0.9} — the detector's score; an empty
 *       selector {@code anomaly_score({})} means every series;</li>
 *   <li>{@code rate(node_filesystem_usage_percent[30m]) > 0.01} and {@code delta(...[10m]) > 5} — rate of change;</li>
 *   <li>{@code absent(up{job="app"})} — no fresh sample for five minutes (Prometheus' look-back).</li>
 * </ul>
 */
final class ExpressionParser {
    static final Duration ABSENT_LOOKBACK = Duration.ofMinutes(5);

    private static final String SELECTOR = "([a-zA-Z_:][a-zA-Z0-9_:]*)?\\s*(\\{[^{}]*})?";
    private static final String NUMBER = "([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)";
    private static final Pattern THRESHOLD =
            Pattern.compile("\\s*" + SELECTOR + "\\s*(>=|<=|==|!=|>|<)\\s*" + NUMBER + "\\s*");
    private static final Pattern ANOMALY =
            Pattern.compile("\\s*anomaly_score\\(\\s*" + SELECTOR + "\\s*\\)\\s*(>=|>)\\s*" + NUMBER + "\\s*");
    private static final Pattern ANOMALOUS = Pattern.compile("\\s*anomalous\\(\\s*" + SELECTOR + "\\s*\\)\\s*");
    private static final Pattern RATE = Pattern.compile("\\s*(rate|delta)\\(\\s*" + SELECTOR
            + "\\s*\\[\\s*([0-9]+[smhd])\\s*]\\s*\\)\\s*(>=|<=|==|!=|>|<)\\s*" + NUMBER + "\\s*");
    private static final Pattern ABSENT = Pattern.compile("\\s*absent\\(\\s*" + SELECTOR + "\\s*\\)\\s*");

    private ExpressionParser() {}

    /** @throws IllegalArgumentException saying what is wrong */
    static Condition parse(String expr) {
        if (expr.length() > 1_000) {
            throw new IllegalArgumentException("expression longer than 1000 characters");
        }
        Matcher m = ANOMALY.matcher(expr);
        if (m.matches()) {
            double min = Double.parseDouble(m.group(4));
            if (!(min >= 0 && min <= 1)) {
                throw new IllegalArgumentException("anomaly_score is in [0, 1]; " + min + " can never match");
            }
            return new Condition.AnomalyScore(selector(m.group(1), m.group(2), true), min);
        }
        m = ANOMALOUS.matcher(expr);
        if (m.matches()) {
            return new Condition.Anomalous(selector(m.group(1), m.group(2), true));
        }
        m = RATE.matcher(expr);
        if (m.matches()) {
            Duration window = io.smartcloudops.api.spi.ProviderConfig.parseDuration("range", m.group(4));
            if (window.isZero() || window.compareTo(Duration.ofHours(24)) > 0) {
                throw new IllegalArgumentException("range [" + m.group(4) + "] must be more than zero and at most 24h");
            }
            return new Condition.RateOfChange(
                    selector(m.group(2), m.group(3), false),
                    window,
                    m.group(1).equals("rate"),
                    Comparison.bySymbol(m.group(5)),
                    Double.parseDouble(m.group(6)));
        }
        m = ABSENT.matcher(expr);
        if (m.matches()) {
            return new Condition.Absent(selector(m.group(1), m.group(2), false), ABSENT_LOOKBACK);
        }
        m = THRESHOLD.matcher(expr);
        if (m.matches()) {
            double v = Double.parseDouble(m.group(4));
            return new Condition.Threshold(selector(m.group(1), m.group(2), false), Comparison.bySymbol(m.group(3)), v);
        }
        throw new IllegalArgumentException("cannot parse expression '" + expr
                + "'; expected 'metric{label=\"v\"} > 90', 'rate(metric[5m]) > 2', 'delta(metric[10m]) > 100', "
                + "'anomalous(metric)', 'anomaly_score(metric) >= 0.9' or 'absent(metric)'");
    }

    private static Selector selector(String metric, String braces, boolean anyAllowed) {
        if (metric == null && !anyAllowed) {
            throw new IllegalArgumentException("a metric name is required here");
        }
        List<io.smartcloudops.remediate.match.Matcher> matchers = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        if (braces != null) {
            String inner = braces.substring(1, braces.length() - 1).trim();
            if (!inner.isEmpty()) {
                for (String part : inner.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
                    io.smartcloudops.remediate.match.Matcher m = io.smartcloudops.remediate.match.Matcher.parse(part);
                    if (!seen.add(m.name() + m.op().symbol())) {
                        throw new IllegalArgumentException(
                                "label '" + m.name() + "' matched twice with " + m.op().symbol());
                    }
                    matchers.add(m);
                }
            }
        }
        return new Selector(metric == null ? "*" : metric, matchers);
    }
}
