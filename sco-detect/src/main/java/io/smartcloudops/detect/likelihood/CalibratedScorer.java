package io.smartcloudops.detect.likelihood;

import io.smartcloudops.detect.share.SharedParameters;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The calibration the default ensemble applies, for one raw measure: the measure's tail probability
 * under an extreme-value fit of the series' own history ({@link AnomalyLikelihood}), an {@link
 * AlarmGate} so that one incident is one alarm, and the mapping {@link #toRateScore} under which the
 * agent's shipped threshold 0.95 is an alarm rate of one in {@value #SHIPPED_ALARM_SAMPLES} samples of
 * normal behaviour, the rate the default raises at 0.95. Optionally ({@code learn_alarms: false}) a
 * value scored as a confident alarm is not learnt into the tail fit. The named detectors ({@code
 * iforest}, {@code ocsvm}, {@code seasonal}) score through it, so a threshold means the same false-alarm
 * rate on all of them and on the default.
 *
 * <pre>{@code
 * CalibratedScorer c = new CalibratedScorer(CalibrationParameters.defaults());
 * double score = c.score(raw); // in [0, 1]; 0.95 at a one-in-1,400 surprise
 * }</pre>
 */
public final class CalibratedScorer {
    /**
     * Reported surprisals within this many samples of normal behaviour are, by chance, about as large
     * as the loudest: {@code 10^4.5 * -ln(0.95)}, about 1,600, so that the shipped threshold 0.95
     * falls on a confident alarm (surprisal 4.5).
     */
    public static final double CALIBRATION_SPAN = Math.pow(10, 4.5) * -Math.log(0.95);

    /**
     * The default raises one alarm in about this many samples of normal behaviour at the shipped
     * threshold 0.95 (NAB, outside the labelled windows: 7.0e-4 a sample, 6.2e-4 to 8.8e-4 on any six
     * of the seven categories; the generated operations corpus: 0.95 a day at one minute, 6.6e-4). Its
     * fused surprisal is the largest of ten members' (and the record members', which stop near 4.1), so
     * {@link #toScore}'s one-in-32,000 is not the rate its 0.95 alarms at. A single calibrated measure's
     * surprisal is its tail probability (on NAB the named detectors exceed surprisal 3 on 5e-4 to 1e-3 of
     * normal samples, 4 on 0.8e-4 to 3.6e-4), so it is mapped by rate: 0.95 where its chance is this one.
     */
    public static final int SHIPPED_ALARM_SAMPLES = 1_400;

    /** Samples over which {@link #toRateScore} asks for no surprise: {@code -ln(0.95) * 1,400}, about 72. */
    public static final double ALARM_SPAN = -Math.log(0.95) * SHIPPED_ALARM_SAMPLES;

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

    /**
     * The score of a surprisal {@code s} that is one measure's tail probability, as the named detectors
     * report it: {@code exp(-ALARM_SPAN * 10^-s)}, the chance that {@link #ALARM_SPAN} samples of normal
     * behaviour bring no surprise this large. 0.5 is a one-in-104 surprise, 0.9 one in 680, 0.95 one in
     * 1,400 (the default's alarm rate at 0.95), 0.99 one in 7,100. Monotone, so best-threshold figures are
     * those of the surprisal itself.
     */
    public static double toRateScore(double surprisal) {
        return Math.exp(-ALARM_SPAN * Math.pow(10, -Math.max(0.0, surprisal)));
    }

    /** Scores {@code raw} (larger is more unusual; NaN and negatives read as 0) against the past, then learns it. */
    public double score(double raw) {
        count++;
        lastSurprisal = likelihood.peek(raw);
        if (lastSurprisal < params.quietSurprisal()) {
            likelihood.learn(raw);
        } else if (params.learnAlarms()) {
            // as the default's members learn it: that an alarm happened, not how far beyond the tail it went
            likelihood.learn(Math.min(raw, likelihood.rawAt(params.quietSurprisal())));
        }
        // otherwise a confident alarm is not learnt: a handful of incidents must not become the tail that
        // the next incident is judged against, or each repeat of the same fault scores lower
        return toRateScore(gate.report(lastSurprisal, count));
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
        CalibratedScorer c = new CalibratedScorer(params, AnomalyLikelihood.readFrom(in, shared));
        c.gate.readFrom(in);
        c.count = in.readLong();
        return c;
    }
}
