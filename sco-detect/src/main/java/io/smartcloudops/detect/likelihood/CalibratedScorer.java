package io.smartcloudops.detect.likelihood;

import io.smartcloudops.detect.share.SharedParameters;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The calibration the default ensemble applies, for one raw measure: the measure's tail probability
 * under an extreme-value fit of the series' own history ({@link AnomalyLikelihood}), an {@link
 * AlarmGate} so that one incident is one alarm, and the mapping {@link #toScore} under which the
 * agent's shipped threshold 0.95 is a one-in-32,000 surprise on every series. Optionally ({@code
 * learn_alarms: false}) a value scored as a confident alarm is not learnt into the tail fit. The named detectors
 * ({@code iforest}, {@code ocsvm}, {@code seasonal}) score through it, so a score means the same on
 * all of them and on the default.
 *
 * <pre>{@code
 * CalibratedScorer c = new CalibratedScorer(CalibrationParameters.defaults());
 * double score = c.score(raw); // in [0, 1]; 0.95 at a one-in-32,000 surprise
 * }</pre>
 */
public final class CalibratedScorer {
    /**
     * Reported surprisals within this many samples of normal behaviour are, by chance, about as large
     * as the loudest: {@code 10^4.5 * -ln(0.95)}, about 1,600, so that the shipped threshold 0.95
     * falls on a confident alarm (surprisal 4.5).
     */
    public static final double CALIBRATION_SPAN = Math.pow(10, 4.5) * -Math.log(0.95);

    private final CalibrationParameters params;
    private final AnomalyLikelihood likelihood;
    private final AlarmGate gate;
    private long count;
    /** The surprisal the last score was made from, before the gate; not state. */
    private double lastSurprisal;

    public CalibratedScorer(CalibrationParameters params) {
        this(params, new AnomalyLikelihood(params.tailQuantile(), params.memory(), params.warmup()));
    }

    private CalibratedScorer(CalibrationParameters params, AnomalyLikelihood likelihood) {
        this.params = params;
        this.likelihood = likelihood;
        this.gate = new AlarmGate(
                params.refractoryHalfLife(), params.echo(), params.quietSurprisal(), params.quietSamples());
    }

    /**
     * The score of {@code exp(-span * 10^-s)} for a reported surprisal {@code s}: the chance that {@link
     * #CALIBRATION_SPAN} samples of normal behaviour bring no surprise this large. 0.5 is a one-in-2,300
     * surprise, 0.9 one in 15,000, 0.95 one in 32,000 (a confident alarm), 0.99 one in 160,000.
     */
    public static double toScore(double surprisal) {
        return Math.exp(-CALIBRATION_SPAN * Math.pow(10, -Math.max(0.0, surprisal)));
    }

    /** Scores {@code raw} (larger is more unusual; NaN and negatives read as 0) against the past, then learns it. */
    public double score(double raw) {
        count++;
        lastSurprisal = likelihood.peek(raw);
        if (params.learnAlarms() || lastSurprisal < params.quietSurprisal()) {
            // a confident alarm is not learnt: a handful of incidents must not become the tail that
            // the next incident is judged against, or each repeat of the same fault scores lower
            likelihood.learn(raw);
        }
        return toScore(gate.report(lastSurprisal, count));
    }

    public CalibrationParameters parameters() {
        return params;
    }

    /** The surprisal ({@code -log10} of the tail probability) behind the last score, before the gate. */
    public double lastSurprisal() {
        return lastSurprisal;
    }

    public void writeTo(DataOutput out) throws IOException {
        params.writeTo(out);
        likelihood.writeTo(out);
        gate.writeTo(out);
        out.writeLong(count);
    }

    public static CalibratedScorer readFrom(DataInput in) throws IOException {
        return readFrom(in, new SharedParameters());
    }

    /** Reads as {@link #readFrom(DataInput)} does, with the parameters {@code shared} holds. */
    public static CalibratedScorer readFrom(DataInput in, SharedParameters shared) throws IOException {
        CalibrationParameters params = shared.canonical(CalibrationParameters.readFrom(in));
        CalibratedScorer c = new CalibratedScorer(params, AnomalyLikelihood.readFrom(in));
        c.gate.readFrom(in);
        c.count = in.readLong();
        return c;
    }
}
