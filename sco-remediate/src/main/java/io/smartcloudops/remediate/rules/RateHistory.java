package io.smartcloudops.remediate.rules;

import io.smartcloudops.api.metric.SeriesId;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The recent observations that rate-of-change rules ({@code delta}, {@code rate}) look at: kept
 * only for series some such rule selects, trimmed to the longest window that selects it. Part of
 * a {@link RuleEngine} and guarded by its lock.
 */
final class RateHistory {
    /** A bound on a series' history whatever the window, against a source that sends far too often. */
    private static final int MAX_POINTS = 10_000;

    private final Map<SeriesId, ArrayDeque<Observation>> bySeries = new HashMap<>();

    /**
     * Keeps a copy of the series' newest observation when a rate-of-change rule selects the series
     * and the value is finite, then drops what fell out of the longest such rule's window.
     */
    void record(SeriesId series, Observation newest, List<Condition.RateOfChange> rates) {
        long window = 0;
        for (Condition.RateOfChange rc : rates) {
            if (rc.selector().matches(series)) {
                window = Math.max(window, rc.window().toMillis());
            }
        }
        if (window > 0 && Double.isFinite(newest.value)) {
            ArrayDeque<Observation> h = bySeries.computeIfAbsent(series, k -> new ArrayDeque<>());
            h.addLast(newest.copy()); // the latest changes in place; the history keeps what was seen
            while (h.size() > 1 && h.peekFirst().timestampMillis < newest.timestampMillis - window) {
                h.removeFirst();
            }
            if (h.size() > MAX_POINTS) {
                h.removeFirst();
            }
        }
    }

    /** The change over the window (per second for rate), or null with fewer than two samples in it. */
    Double change(SeriesId series, Condition.RateOfChange rc, Observation newest) {
        ArrayDeque<Observation> h = bySeries.get(series);
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

    /** The series' history, oldest first; empty when none is kept. */
    List<SeriesRuleState.Point> points(SeriesId series) {
        ArrayDeque<Observation> h = bySeries.get(series);
        return h == null ? List.of() : h.stream().map(Observation::point).toList();
    }

    /** Replaces the series' history with {@code points}, oldest first; none is kept for an empty list. */
    void restore(SeriesId series, List<SeriesRuleState.Point> points) {
        if (points.isEmpty()) {
            bySeries.remove(series);
            return;
        }
        ArrayDeque<Observation> h = new ArrayDeque<>();
        points.forEach(p -> h.addLast(Observation.of(p)));
        bySeries.put(series, h);
    }

    void forget(SeriesId series) {
        bySeries.remove(series);
    }
}
