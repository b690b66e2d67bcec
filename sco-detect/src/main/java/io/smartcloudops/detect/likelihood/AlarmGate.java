package io.smartcloudops.detect.likelihood;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Decides how much of a surprise to report, so that one incident raises one alarm. The default
 * ensemble and the named detectors (through {@link CalibratedScorer}) share it. NAB, like an
 * on-call engineer, credits only the first alert of an incident and counts every repeat as noise.
 * Two mechanisms:
 * <ul>
 *   <li>refractory memory: a surprise counts in full only when it exceeds the decaying memory of
 *       what was already reported, otherwise only an echo share of it;</li>
 *   <li>quiet period: after a confident alarm nothing is reported for a fixed number of samples. The
 *       incident's aftermath (recovery, refilled buffers) looks as novel as its onset. The period is
 *       bounded and does not grow with the samples seen: an agent that has run for a month must still
 *       report the next, different incident an hour later (an earlier gate sized it as a share of all
 *       samples seen, which made a month-old agent deaf for most of a day after any confident alarm).</li>
 * </ul>
 */
public final class AlarmGate {
    private final double halfLife;
    private final double echo;
    private final double confident;
    private final long quietSamples;
    /** The memory's decay per sample, {@code 0.5^(1 / halfLife)}. */
    private final double decay;

    private double remembered;
    private long quietUntil;

    /**
     * @param halfLife samples over which the memory of a reported surprise halves
     * @param echo share of a surprise reported while a larger one is remembered
     * @param confident surprisal from which an alarm starts a quiet period
     * @param quietSamples length of the quiet period in samples, 0 for none
     */
    public AlarmGate(double halfLife, double echo, double confident, long quietSamples) {
        this.halfLife = halfLife;
        this.echo = echo;
        this.confident = confident;
        this.quietSamples = quietSamples;
        this.decay = Math.pow(0.5, 1.0 / halfLife);
    }

    /** The surprisal to report for sample number {@code count} (counting from 1) whose members said {@code surprise}. */
    public double report(double surprise, long count) {
        if (count < quietUntil) {
            return 0.0;
        }
        double decayed = remembered * decay;
        double reported = surprise > decayed ? surprise : echo * surprise;
        remembered = Math.max(decayed, surprise);
        if (quietSamples > 0 && reported >= confident) {
            quietUntil = count + 1 + quietSamples;
            // the quiet period already covers this incident; what follows it is judged afresh
            remembered = 0.0;
        }
        return reported;
    }

    /** True while alarms are held back after a confident one. */
    public boolean quiet(long count) {
        return count < quietUntil;
    }

    public void writeTo(DataOutput out) throws IOException {
        out.writeDouble(remembered);
        out.writeLong(quietUntil);
    }

    /** Restores the gate's memory into a gate built with the same settings. */
    public void readFrom(DataInput in) throws IOException {
        remembered = in.readDouble();
        quietUntil = in.readLong();
    }

    /**
     * Restores a gate from version 2 or 3 state, whose quiet period grew with the samples seen: one
     * in progress is cut to this gate's bounded length, counted from sample {@code count}.
     */
    public void readGrowingQuiet(DataInput in, long count) throws IOException {
        remembered = in.readDouble();
        quietUntil = Math.min(in.readLong(), count + 1 + quietSamples);
    }

    /** Restores a gate from version 1 state, which had only the refractory memory. */
    public void readVersion1(DataInput in) throws IOException {
        remembered = in.readDouble();
        quietUntil = 0;
    }
}
