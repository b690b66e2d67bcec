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
 * <p>One task owns a key at a time, and the detector is not thread-safe. The one other thread that
 * sees a state is the heap backend's asynchronous snapshot, which serializes the original of a key
 * whose copy the task took: {@link #copy} and {@link #detectorState} hold the state's lock, so the
 * snapshot reads the detector either before the copy took it over or the snapshot the copy left.
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
    synchronized Detector detector(DetectorFactory factory) {
        if (live == null) {
            live = factory.restore(saved);
            saved = null; // the live detector moves on; its old snapshot would only hold memory
        }
        return live;
    }

    /** The detector's persisted form: a fresh snapshot of the live one, or the saved one as it came. */
    synchronized DetectorState detectorState() {
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

    /**
     * An independent state equal to this one. A live detector moves to the copy and this state keeps
     * its snapshot: the heap backend copies a state for the task while a checkpoint holds the
     * original, which it then only serializes, so the task goes on with the live detector and a key
     * touched during a checkpoint costs one snapshot, not a snapshot and a restore. A saved detector
     * is shared, as it is immutable.
     */
    synchronized SeriesState copy() {
        if (live == null) {
            return saved(saved, lastTimestampMillis, rules);
        }
        SeriesState moved = new SeriesState(live, null, lastTimestampMillis, rules);
        saved = live.snapshot();
        live = null;
        return moved;
    }

    @Override
    public String toString() {
        return "SeriesState[" + (live != null ? "live" : saved) + ", last " + lastTimestampMillis
                + (rules != null ? ", rules" : "") + "]";
    }
}
