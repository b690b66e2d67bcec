package io.smartcloudops.flink;

import io.smartcloudops.api.detect.Detector;
import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.detect.DetectorState;
import io.smartcloudops.detect.pipeline.DetectionPipeline;
import io.smartcloudops.remediate.rules.SeriesRuleState;
import java.util.Objects;

/**
 * What sco-flink's operator keeps of one series in Flink's keyed state ({@link ScoFlink#DETECTOR_STATE},
 * written by {@link SeriesStateSerializer}): its detector, the time of its last scored sample, and
 * the rule engine's view of it.
 *
 * <p>The detector is live or saved. A restored or deserialized state holds the saved form (the
 * detector's {@link DetectorState}) until the operator first scores with it, so reading a state
 * only to look at its last time, or copying one, never rebuilds the detector. With the heap state
 * backend the live detector then stays in the state table between samples and is snapshotted only
 * when a checkpoint writes it; with RocksDB every access deserializes and every write serializes it.
 *
 * <p>Not thread-safe, like the detector it holds: one task owns a key at a time, and the heap
 * backend's asynchronous snapshots serialize a state only once the task has been handed a copy.
 */
public final class SeriesState {
    private Detector live;
    private DetectorState saved;
    private long lastTimestampMillis;
    private SeriesRuleState rules;

    private SeriesState(Detector live, DetectorState saved, long lastTimestampMillis, SeriesRuleState rules) {
        this.live = live;
        this.saved = saved;
        this.lastTimestampMillis = lastTimestampMillis;
        this.rules = rules;
    }

    /**
     * The state of a series whose detector goes on from an agent's checkpoint. Written for each
     * series into a savepoint with Flink's State Processor API (under {@link ScoFlink#OPERATOR_UID},
     * keyed by {@link ScoTypes#SERIES_ID}, with {@link ScoFlink#seriesStateDescriptor()}), it lets a
     * job start with what the agent had learnt instead of warming every series up again.
     *
     * <pre>{@code
     * state.update(SeriesState.of(pipeline.checkpoint(series).orElseThrow()));
     * }</pre>
     */
    public static SeriesState of(DetectionPipeline.Checkpoint checkpoint) {
        return saved(checkpoint.state(), checkpoint.lastTimestampMillis(), null);
    }

    static SeriesState saved(DetectorState state, long lastTimestampMillis, SeriesRuleState rules) {
        return new SeriesState(null, Objects.requireNonNull(state, "state"), lastTimestampMillis, rules);
    }

    /** A new series' state, after its first scored sample. */
    static SeriesState started(Detector detector, long lastTimestampMillis) {
        return new SeriesState(Objects.requireNonNull(detector, "detector"), null, lastTimestampMillis, null);
    }

    /** The live detector, restored by {@code factory} from the saved form on first use. */
    Detector detector(DetectorFactory factory) {
        if (live == null) {
            live = factory.restore(saved);
            saved = null; // the live detector moves on; its old snapshot would only hold memory
        }
        return live;
    }

    /** The detector's persisted form: a fresh snapshot of the live one, or the saved one as it came. */
    DetectorState detectorState() {
        return live != null ? live.snapshot() : saved;
    }

    long lastTimestampMillis() {
        return lastTimestampMillis;
    }

    void scored(long timestampMillis) {
        this.lastTimestampMillis = timestampMillis;
    }

    /** The rule engine's view of the series, or null when it has none (no history, no alerts). */
    SeriesRuleState rules() {
        return rules;
    }

    void rules(SeriesRuleState rules) {
        this.rules = rules;
    }

    /** An independent state equal to this one: the saved form of its detector, shared, as that is immutable. */
    SeriesState copy() {
        return saved(detectorState(), lastTimestampMillis, rules);
    }

    @Override
    public String toString() {
        return "SeriesState[" + (live != null ? "live" : saved) + ", last " + lastTimestampMillis + (rules != null ? ", rules" : "") + "]";
    }
}
