package io.smartcloudops.remediate.rules;

import java.time.Duration;

/** When a rule holds for a series. */
public sealed interface Condition {

    Selector selector();

    /** The newest value of a series compared with a threshold: {@code node_cpu_usage_percent > 90}. */
    record Threshold(Selector selector, Comparison op, double value) implements Condition {}

    /**
     * The newest sample is an anomaly by the detection pipeline's own threshold ({@code anomalous(m)}):
     * the same judgement as the pipeline's {@code AnomalyEvent}, so rules and detection cannot disagree.
     */
    record Anomalous(Selector selector) implements Condition {}

    /** The detector's anomaly score of the newest sample at or above a threshold of the rule's own. */
    record AnomalyScore(Selector selector, double minScore) implements Condition {}

    /**
     * How fast a series changes: {@code rate(m[5m]) > 2} is the per-second change between the
     * oldest and newest samples within the window; {@code delta(m[5m]) > 100} the change itself.
     * Unlike Prometheus' {@code rate()} it does not assume a counter (a drop is a negative rate).
     */
    record RateOfChange(Selector selector, Duration window, boolean perSecond, Comparison op, double value)
            implements Condition {}

    /** No fresh sample of any matching series for {@code after}: Prometheus' {@code absent()}. */
    record Absent(Selector selector, Duration after) implements Condition {}
}
