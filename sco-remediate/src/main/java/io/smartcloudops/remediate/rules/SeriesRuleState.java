package io.smartcloudops.remediate.rules;

import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.metric.SeriesId;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link RuleEngine} knows of one series: its newest observation, the recent history that
 * rate-of-change rules look at, and the pending or firing alerts of series-based rules on it. A
 * host that keeps each series' state elsewhere (Flink's keyed state) moves it in and out with
 * {@link RuleEngine#exportSeries} and {@link RuleEngine#importSeries}.
 *
 * @param history oldest first; empty unless some rate-of-change rule selects the series
 * @param alerts each with the group and name of the rule that raised it: an alert whose rule is no
 *     longer in the engine's rule set is dropped on import
 */
public record SeriesRuleState(SeriesId series, Point latest, List<Point> history, List<RuleAlert> alerts) {
    public SeriesRuleState {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(latest, "latest");
        history = List.copyOf(history);
        alerts = List.copyOf(alerts);
    }

    /** One observation: a sample's time and value and the detector's score of it (0 when unscored). */
    public record Point(long timestampMillis, double value, double score) {}

    /** An alert on the series with the rule that owns it. */
    public record RuleAlert(String group, String rule, Alert alert) {
        public RuleAlert {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(alert, "alert");
            group = group == null ? "" : group;
        }
    }
}
