package io.smartcloudops.remediate.rules;

/**
 * One observation of a series by the {@link RuleEngine}. A series' latest is updated in place, as
 * a new one a sample was 40 bytes of garbage that lived a whole round; the {@link RateHistory}
 * keeps {@link #copy copies}, never changed. Guarded by the engine's lock.
 */
final class Observation {
    long timestampMillis;
    double value;
    double score;
    /** Observed since the last evaluation, and so listed in the engine's {@code dirty}; in the padding, it costs nothing. */
    boolean dirty;

    Observation(long timestampMillis, double value, double score) {
        set(timestampMillis, value, score);
    }

    void set(long timestampMillis, double value, double score) {
        this.timestampMillis = timestampMillis;
        this.value = value;
        this.score = score;
    }

    Observation copy() {
        return new Observation(timestampMillis, value, score);
    }

    static Observation of(SeriesRuleState.Point p) {
        return new Observation(p.timestampMillis(), p.value(), p.score());
    }

    SeriesRuleState.Point point() {
        return new SeriesRuleState.Point(timestampMillis, value, score);
    }
}
