package io.smartcloudops.remediate.rules;

import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.alert.AlertState;
import io.smartcloudops.api.detect.Score;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Evaluates rules over the newest sample and score of every series and keeps each alert's
 * lifecycle: inactive → pending → firing → resolved, as Prometheus does. Time comes from the
 * caller, so {@code for} durations are tested with a controlled clock.
 *
 * <pre>{@code
 * RuleEngine engine = new RuleEngine(rules, Duration.ofMinutes(5));
 * engine.observe(sample, score);
 * for (Alert changed : engine.evaluate(clock.instant())) audit(changed);
 * }</pre>
 */
public final class RuleEngine {
    private final Duration staleAfter;
    private volatile List<Rule> rules;
    private final Map<SeriesId, Observation> latest = new HashMap<>();
    /** The same observations by metric name, so a rule only visits the series it can match. */
    private final Map<String, Map<SeriesId, Observation>> latestByName = new HashMap<>();
    /** Recent history, kept only for series some rate-of-change rule looks at, trimmed to the longest window. */
    private final Map<SeriesId, java.util.ArrayDeque<Observation>> history = new HashMap<>();
    private final Map<String, Alert> active = new LinkedHashMap<>();

    /**
     * @param staleAfter a series with no sample for this long no longer satisfies threshold or
     *     anomaly conditions (a gap never keeps an alert firing, nor raises one)
     */
    public RuleEngine(List<Rule> rules, Duration staleAfter) {
        this.rules = List.copyOf(rules);
        this.staleAfter = Objects.requireNonNull(staleAfter);
    }

    /** Swaps the rule set; alerts of rules that are gone resolve on the next evaluation. */
    public void replaceRules(List<Rule> next) {
        this.rules = List.copyOf(next);
    }

    public List<Rule> rules() {
        return rules;
    }

    /** Records the newest sample of a series and the detector's score of it (null when unscored). */
    public synchronized void observe(Sample sample, Score score) {
        Observation prev = latest.get(sample.series());
        if (prev != null && prev.timestampMillis > sample.timestampMillis()) {
            return;
        }
        Observation o = new Observation(sample.timestampMillis(), sample.value(), score == null ? 0.0 : score.value());
        latest.put(sample.series(), o);
        latestByName.computeIfAbsent(sample.series().name(), k -> new HashMap<>()).put(sample.series(), o);
        long window = 0;
        for (Rule r : rules) {
            if (r.condition() instanceof Condition.RateOfChange rc && rc.selector().matches(sample.series())) {
                window = Math.max(window, rc.window().toMillis());
            }
        }
        if (window > 0 && Double.isFinite(sample.value())) {
            java.util.ArrayDeque<Observation> h = history.computeIfAbsent(sample.series(), k -> new java.util.ArrayDeque<>());
            h.addLast(o);
            while (h.size() > 1 && h.peekFirst().timestampMillis < o.timestampMillis - window) {
                h.removeFirst();
            }
            if (h.size() > 10_000) {
                h.removeFirst();
            }
        }
    }

    /** Evaluates every rule at {@code now}; returns the alerts whose state changed. */
    public synchronized List<Alert> evaluate(Instant now) {
        List<Alert> changed = new ArrayList<>();
        Map<String, Alert> holding = new LinkedHashMap<>();
        for (Rule rule : rules) {
            for (Match m : matches(rule, now)) {
                Labels labels = alertLabels(rule, m.labels);
                String key = labels.toString();
                Alert current = active.get(key);
                Alert next;
                if (current == null) {
                    Map<String, String> annotations = render(rule, labels, m.value);
                    next = new Alert(rule.name(), labels, annotations, AlertState.PENDING, rule.severity(), now, null, null, m.value, "rules");
                    if (rule.forDuration().isZero()) {
                        next = next.withState(AlertState.FIRING, now);
                    }
                    changed.add(next);
                } else {
                    Alert refreshed = new Alert(current.name(), labels, render(rule, labels, m.value), current.state(), current.severity(),
                            current.activeSince(), current.firedAt(), null, m.value, "rules");
                    next = refreshed;
                    if (current.state() == AlertState.PENDING && !now.isBefore(current.activeSince().plus(rule.forDuration()))) {
                        next = refreshed.withState(AlertState.FIRING, now);
                        changed.add(next);
                    }
                }
                holding.put(key, next);
            }
        }
        for (Map.Entry<String, Alert> e : active.entrySet()) {
            if (!holding.containsKey(e.getKey())) {
                Alert gone = e.getValue();
                changed.add(gone.withState(gone.state() == AlertState.FIRING ? AlertState.RESOLVED : AlertState.INACTIVE, now));
            }
        }
        active.clear();
        active.putAll(holding);
        return changed;
    }

    /** Pending and firing alerts, most urgent first: severity, then firing before pending, then oldest. */
    public synchronized List<Alert> activeAlerts() {
        return active.values().stream()
                .sorted(Comparator.comparing(Alert::severity).reversed()
                        .thenComparing(a -> a.state() == AlertState.FIRING ? 0 : 1)
                        .thenComparing(Alert::activeSince))
                .toList();
    }

    private List<Match> matches(Rule rule, Instant now) {
        long staleBefore = now.minus(staleAfter).toEpochMilli();
        List<Match> out = new ArrayList<>();
        Condition c = rule.condition();
        if (c instanceof Condition.Absent absent) {
            long cutoff = now.minus(absent.after()).toEpochMilli();
            boolean fresh = (absent.selector().metric().equals("*") ? latest : latestByName.getOrDefault(absent.selector().metric(), Map.of()))
                    .entrySet().stream()
                    .anyMatch(e -> absent.selector().matches(e.getKey()) && e.getValue().timestampMillis >= cutoff);
            if (!fresh) {
                out.add(new Match(Labels.of(absent.selector().matchers()), 1.0));
            }
            return out;
        }
        Map<SeriesId, Observation> candidates = c.selector().metric().equals("*") ? latest
                : latestByName.getOrDefault(c.selector().metric(), Map.of());
        for (Map.Entry<SeriesId, Observation> e : candidates.entrySet()) {
            Observation o = e.getValue();
            if (!c.selector().matches(e.getKey()) || o.timestampMillis < staleBefore) {
                continue;
            }
            if (c instanceof Condition.Threshold t && t.op().test(o.value, t.value())) {
                out.add(new Match(e.getKey().labels().with("metric", e.getKey().name()), o.value));
            } else if (c instanceof Condition.RateOfChange rc) {
                Double change = change(e.getKey(), rc, o);
                if (change != null && rc.op().test(change, rc.value())) {
                    out.add(new Match(e.getKey().labels().with("metric", e.getKey().name()), change));
                }
            } else if (c instanceof Condition.AnomalyScore a && o.score >= a.minScore()) {
                out.add(new Match(e.getKey().labels().with("metric", e.getKey().name()), o.value));
            }
        }
        return out;
    }

    /** The change over the window (per second for rate), or null with fewer than two samples in it. */
    private Double change(SeriesId id, Condition.RateOfChange rc, Observation newest) {
        java.util.ArrayDeque<Observation> h = history.get(id);
        if (h == null) {
            return null;
        }
        long from = newest.timestampMillis - rc.window().toMillis();
        Observation oldest = null;
        for (Observation o : h) {
            if (o.timestampMillis >= from) {
                oldest = o;
                break;
            }
        }
        if (oldest == null || oldest.timestampMillis >= newest.timestampMillis) {
            return null;
        }
        double delta = newest.value - oldest.value;
        return rc.perSecond() ? delta * 1000.0 / (newest.timestampMillis - oldest.timestampMillis) : delta;
    }

    private static Labels alertLabels(Rule rule, Labels seriesLabels) {
        Labels l = seriesLabels;
        for (Map.Entry<String, String> e : rule.labels().entrySet()) {
            l = l.with(e.getKey(), e.getValue());
        }
        return l.with("alertname", rule.name());
    }

    private static Map<String, String> render(Rule rule, Labels labels, double value) {
        Map<String, String> out = new LinkedHashMap<>();
        rule.annotations().forEach((k, v) -> out.put(k, Template.render(v, labels, value)));
        return out;
    }

    private record Observation(long timestampMillis, double value, double score) {
    }

    private record Match(Labels labels, double value) {
    }
}
