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
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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
    private final double anomalyThreshold;
    private volatile List<Rule> rules;
    /** The rate-of-change conditions of {@link #rules}, derived once per rule set for the per-sample path. */
    private volatile List<Condition.RateOfChange> rateConditions;

    private final Map<SeriesId, Observation> latest = new HashMap<>();
    /**
     * The same observations by metric name, so an {@code absent} rule only visits the series it can
     * match; kept only for the names such rules select ({@link #indexedNames}), since a second
     * entry for every series cost 40 bytes a series for names no rule looks up.
     */
    private final Map<String, Map<SeriesId, Observation>> latestByName = new HashMap<>();
    /** The metric names of the {@code absent} rules last evaluated: the names {@link #latestByName} holds. */
    private Set<String> indexedNames = Set.of();
    /** Recent history, kept only for series some rate-of-change rule looks at, trimmed to the longest window. */
    private final RateHistory history = new RateHistory();
    /** Alerts of series-based rules, by rule (identity) then series. */
    private final Map<Rule, Map<SeriesId, Alert>> bySeries = new IdentityHashMap<>();
    /** Alerts of {@code absent} rules, which have no series, by rule then labels. */
    private final Map<Rule, Map<Labels, Alert>> byAbsence = new IdentityHashMap<>();
    /**
     * Series observed since the last evaluation, in the order first observed: only their rules
     * need testing again. Each is listed once, while its observation is {@code dirty}
     * (a set of them cost a 40-byte entry a series a round, all living through the round).
     */
    private final List<SeriesId> dirty = new ArrayList<>();

    private List<Rule> evaluatedRules = List.of();
    /**
     * Alerts of series that are {@link #seriesGone gone} since the last evaluation: it ends them
     * (reports them resolved, or inactive when pending), as a series that is gone no longer gives
     * the rule's expression a result.
     */
    private final List<Alert> ofGoneSeries = new ArrayList<>();

    /**
     * An engine whose {@code anomalous(...)} means a score of at least 0.95, the loop's default threshold.
     *
     * @param staleAfter a series with no sample for this long no longer satisfies threshold or
     *     anomaly conditions (a gap never keeps an alert firing, nor raises one)
     */
    public RuleEngine(List<Rule> rules, Duration staleAfter) {
        this(rules, staleAfter, 0.95);
    }

    /**
     * @param anomalyThreshold the detection pipeline's threshold: {@code anomalous(...)} holds for a sample
     *     exactly when the pipeline raised an {@code AnomalyEvent} for it
     */
    public RuleEngine(List<Rule> rules, Duration staleAfter, double anomalyThreshold) {
        if (!(anomalyThreshold > 0 && anomalyThreshold <= 1)) {
            throw new IllegalArgumentException("anomalyThreshold must be in (0, 1], got " + anomalyThreshold);
        }
        this.anomalyThreshold = anomalyThreshold;
        this.rules = List.copyOf(rules);
        this.rateConditions = rateConditionsOf(this.rules);
        this.staleAfter = Objects.requireNonNull(staleAfter);
    }

    /** Swaps the rule set; alerts of rules that are gone resolve on the next evaluation. */
    public void replaceRules(List<Rule> next) {
        List<Rule> copy = List.copyOf(next);
        this.rateConditions = rateConditionsOf(copy);
        this.rules = copy;
    }

    private static List<Condition.RateOfChange> rateConditionsOf(List<Rule> rules) {
        return rules.stream()
                .map(Rule::condition)
                .filter(c -> c instanceof Condition.RateOfChange)
                .map(c -> (Condition.RateOfChange) c)
                .toList();
    }

    public List<Rule> rules() {
        return rules;
    }

    /** Records the newest sample of a series and the detector's score of it (null when unscored). */
    public synchronized void observe(Sample sample, Score score) {
        Observation o = latest.get(sample.series());
        if (o != null && o.timestampMillis > sample.timestampMillis()) {
            return;
        }
        double scoreValue = score == null ? 0.0 : score.value();
        if (o == null) {
            o = new Observation(sample.timestampMillis(), sample.value(), scoreValue);
            latest.put(sample.series(), o);
            index(sample.series(), o);
        } else {
            o.set(sample.timestampMillis(), sample.value(), scoreValue);
        }
        if (!o.dirty) {
            o.dirty = true;
            dirty.add(sample.series());
        }
        List<Condition.RateOfChange> rates = rateConditions;
        if (!rates.isEmpty()) {
            history.record(sample.series(), o, rates);
        }
    }

    /**
     * Evaluates the rules at {@code now}; returns the alerts whose state changed. Incremental:
     * rules are tested again only on series observed since the last call, while pending alerts
     * whose {@code for} elapsed and alerts whose series went stale change with time alone; the
     * outcome is the same as testing every rule on every series.
     */
    public synchronized List<Alert> evaluate(Instant now) {
        List<Alert> changed = new ArrayList<>();
        ofGoneSeries.forEach(a -> changed.add(end(a, now)));
        ofGoneSeries.clear();
        List<Rule> current = rules;
        List<SeriesId> toTest = dirty;
        if (current != evaluatedRules) {
            for (Rule gone : new ArrayList<>(bySeries.keySet())) {
                if (current.stream().noneMatch(r -> r == gone)) {
                    bySeries.remove(gone).values().forEach(a -> changed.add(end(a, now)));
                }
            }
            for (Rule gone : new ArrayList<>(byAbsence.keySet())) {
                if (current.stream().noneMatch(r -> r == gone)) {
                    byAbsence.remove(gone).values().forEach(a -> changed.add(end(a, now)));
                }
            }
            toTest = new ArrayList<>(latest.keySet());
            latest.values().forEach(o -> o.dirty = true);
            evaluatedRules = current;
            reindex(current);
        }
        long staleBefore = now.minus(staleAfter).toEpochMilli();
        for (Rule rule : current) {
            if (rule.condition() instanceof Condition.Absent absent) {
                evaluateAbsence(rule, absent, now, changed);
                continue;
            }
            Map<SeriesId, Alert> alerts = bySeries.computeIfAbsent(rule, r -> new HashMap<>());
            Selector sel = rule.condition().selector();
            for (SeriesId id : toTest) {
                if (!sel.matches(id)) {
                    continue;
                }
                Observation o = latest.get(id);
                Match m = o.timestampMillis < staleBefore ? null : test(rule.condition(), id, o);
                Alert before = alerts.get(id);
                if (m != null) {
                    Alert after = holding(rule, before, alertLabels(rule, m.labels), m.value, now);
                    alerts.put(id, after);
                    if (before == null || before.state() != after.state()) {
                        changed.add(after);
                    }
                } else if (before != null) {
                    alerts.remove(id);
                    changed.add(end(before, now));
                }
            }
            // time alone: the for of pending alerts elapses, and silent series go stale
            for (Iterator<Map.Entry<SeriesId, Alert>> it = alerts.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<SeriesId, Alert> e = it.next();
                Observation o = latest.get(e.getKey());
                if (o.dirty) { // tested above
                    continue;
                }
                Alert a = e.getValue();
                if (o.timestampMillis < staleBefore) {
                    it.remove();
                    changed.add(end(a, now));
                } else if (a.state() == AlertState.PENDING
                        && !now.isBefore(a.activeSince().plus(rule.forDuration()))) {
                    Alert fired = a.withState(AlertState.FIRING, now);
                    e.setValue(fired);
                    changed.add(fired);
                }
            }
        }
        for (SeriesId id : toTest) {
            latest.get(id).dirty = false;
        }
        dirty.clear();
        return changed;
    }

    private void index(SeriesId id, Observation o) {
        if (indexedNames.contains(id.name())) {
            latestByName.computeIfAbsent(id.name(), k -> new HashMap<>()).put(id, o);
        }
    }

    /** Indexes by name the series that the {@code absent} rules of {@code current} select by name, and only those. */
    private void reindex(List<Rule> current) {
        Set<String> names = new HashSet<>();
        for (Rule rule : current) {
            if (rule.condition() instanceof Condition.Absent absent
                    && !absent.selector().metric().equals("*")) {
                names.add(absent.selector().metric());
            }
        }
        latestByName.keySet().retainAll(names);
        Set<String> added = new HashSet<>(names);
        added.removeAll(indexedNames);
        indexedNames = Set.copyOf(names);
        if (!added.isEmpty()) {
            latest.forEach((id, o) -> {
                if (added.contains(id.name())) {
                    index(id, o);
                }
            });
        }
    }

    private void evaluateAbsence(Rule rule, Condition.Absent absent, Instant now, List<Alert> changed) {
        Map<Labels, Alert> alerts = byAbsence.computeIfAbsent(rule, r -> new HashMap<>());
        long cutoff = now.minus(absent.after()).toEpochMilli();
        Map<SeriesId, Observation> candidates = absent.selector().metric().equals("*")
                ? latest
                : latestByName.getOrDefault(absent.selector().metric(), Map.of());
        boolean fresh = candidates.entrySet().stream()
                .anyMatch(e -> absent.selector().matches(e.getKey()) && e.getValue().timestampMillis >= cutoff);
        Labels labels = alertLabels(rule, Labels.of(absent.selector().matchers()));
        Alert before = alerts.get(labels);
        if (!fresh) {
            Alert after = holding(rule, before, labels, 1.0, now);
            alerts.put(labels, after);
            if (before == null || before.state() != after.state()) {
                changed.add(after);
            }
        } else if (before != null) {
            alerts.remove(labels);
            changed.add(end(before, now));
        }
    }

    /** The alert while its condition holds: new (pending, or firing at once without for), refreshed, or fired when for elapsed. */
    private static Alert holding(Rule rule, Alert before, Labels labels, double value, Instant now) {
        Map<String, String> annotations = render(rule, labels, value);
        if (before == null) {
            Alert a = new Alert(
                    rule.name(),
                    labels,
                    annotations,
                    AlertState.PENDING,
                    rule.severity(),
                    now,
                    null,
                    null,
                    value,
                    "rules");
            return rule.forDuration().isZero() ? a.withState(AlertState.FIRING, now) : a;
        }
        Alert refreshed = new Alert(
                before.name(),
                labels,
                annotations,
                before.state(),
                before.severity(),
                before.activeSince(),
                before.firedAt(),
                null,
                value,
                "rules");
        if (before.state() == AlertState.PENDING
                && !now.isBefore(before.activeSince().plus(rule.forDuration()))) {
            return refreshed.withState(AlertState.FIRING, now);
        }
        return refreshed;
    }

    private static Alert end(Alert a, Instant now) {
        return a.withState(a.state() == AlertState.FIRING ? AlertState.RESOLVED : AlertState.INACTIVE, now);
    }

    /** Pending and firing alerts, most urgent first: severity, then firing before pending, then oldest. */
    public synchronized List<Alert> activeAlerts() {
        List<Alert> all = new ArrayList<>();
        bySeries.values().forEach(m -> all.addAll(m.values()));
        byAbsence.values().forEach(m -> all.addAll(m.values()));
        return all.stream()
                .sorted(Comparator.comparing(Alert::severity)
                        .reversed()
                        .thenComparing(a -> a.state() == AlertState.FIRING ? 0 : 1)
                        .thenComparing(Alert::activeSince))
                .toList();
    }

    /** How many series the engine holds an observation of: the series it evaluates rules on. */
    public synchronized int seriesCount() {
        return latest.size();
    }

    /**
     * Everything the engine holds for one series, or empty when it has never observed it. Alerts of
     * {@code absent} rules belong to no series and are not part of it.
     */
    public synchronized Optional<SeriesRuleState> exportSeries(SeriesId series) {
        Observation o = latest.get(series);
        if (o == null) {
            return Optional.empty();
        }
        List<SeriesRuleState.Point> past = history.points(series);
        List<SeriesRuleState.RuleAlert> alerts = new ArrayList<>();
        for (Rule rule : rules) {
            Map<SeriesId, Alert> of = bySeries.get(rule);
            Alert a = of == null ? null : of.get(series);
            if (a != null) {
                alerts.add(new SeriesRuleState.RuleAlert(rule.group(), rule.name(), a));
            }
        }
        return Optional.of(new SeriesRuleState(series, o.point(), past, alerts));
    }

    /**
     * Replaces what the engine holds for the state's series with it. The series is not marked as
     * newly observed: the next {@link #evaluate} changes its alerts only as time alone would.
     */
    public synchronized void importSeries(SeriesRuleState state) {
        SeriesId id = state.series();
        forgetSeries(id);
        Observation o = Observation.of(state.latest());
        latest.put(id, o);
        index(id, o);
        history.restore(id, state.history());
        for (SeriesRuleState.RuleAlert ra : state.alerts()) {
            for (Rule rule : rules) {
                if (rule.name().equals(ra.rule())
                        && ra.group().equals(rule.group() == null ? "" : rule.group())
                        && !(rule.condition() instanceof Condition.Absent)) {
                    Map<SeriesId, Alert> of = bySeries.computeIfAbsent(rule, r -> new HashMap<>());
                    if (of.putIfAbsent(id, ra.alert()) == null) {
                        break;
                    }
                }
            }
        }
    }

    /**
     * Forgets a series that is gone (the loop evicted it, idle): the engine holds nothing for it any
     * more, and the next {@link #evaluate} ends its alerts, a firing one {@code RESOLVED} and a
     * pending one {@code INACTIVE}, as Prometheus ends the alerts of a series that no longer
     * gives the rule's expression a result. A sample of it later starts it afresh, as a new series.
     */
    public synchronized void seriesGone(SeriesId series) {
        for (Map<SeriesId, Alert> of : bySeries.values()) {
            Alert a = of.get(series);
            if (a != null) {
                ofGoneSeries.add(a);
            }
        }
        forgetSeries(series);
    }

    /**
     * Drops everything the engine holds for one series, without reporting its alerts as ended (a
     * host that keeps each series' rule state elsewhere, as Flink's keyed state does, {@link
     * #importSeries imports} it again later); for a series that is gone, see {@link #seriesGone}.
     */
    public synchronized void forgetSeries(SeriesId series) {
        Observation gone = latest.remove(series);
        if (gone != null && gone.dirty) {
            dirty.remove(series); // observed again, it is listed again, last, as a new series would be
        }
        Map<SeriesId, Observation> named = latestByName.get(series.name());
        if (named != null) {
            named.remove(series);
            if (named.isEmpty()) {
                latestByName.remove(series.name());
            }
        }
        history.forget(series);
        bySeries.values().forEach(m -> m.remove(series));
    }

    /** The condition on one fresh observation: a match with its labels and value, or null when it does not hold. */
    private Match test(Condition c, SeriesId id, Observation o) {
        if (c instanceof Condition.Threshold t && t.op().test(o.value, t.value())) {
            return new Match(id.labels().with("metric", id.name()), o.value);
        }
        if (c instanceof Condition.RateOfChange rc) {
            Double change = history.change(id, rc, o);
            if (change != null && rc.op().test(change, rc.value())) {
                return new Match(id.labels().with("metric", id.name()), change);
            }
        }
        if (c instanceof Condition.Anomalous && o.score >= anomalyThreshold) {
            return new Match(id.labels().with("metric", id.name()), o.value);
        }
        if (c instanceof Condition.AnomalyScore a && o.score >= a.minScore()) {
            return new Match(id.labels().with("metric", id.name()), o.value);
        }
        return null;
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

    private record Match(Labels labels, double value) {}
}
