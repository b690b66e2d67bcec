package io.smartcloudops.detect.ensemble;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * How far this series' records usually go past the old extreme, on each side, and a record's surprisal
 * judged against that. A record's surprisal is {@code bare (1 + w r)}: its odds as a bare record
 * ({@code bare = log10} of them) and its overshoot {@code r} (a share of the usual range) at a weight
 * {@code w bare} per unit, a slope that suits a light tail, where records go only a little past the old
 * extreme. On a heavy tail (lone outliers of many times the noise) or a count (whole units against a
 * small range) records overshoot by far more as a matter of course, and a new extreme of the noise
 * claimed the surprisal of an incident. Records' overshoots past a high bound are a peaks-over-threshold
 * sample; their mean {@code m} is the exponential tail's maximum-likelihood scale, under which an
 * overshoot beyond {@code r} has chance {@code exp(-r / m)}: a surprisal of {@code log10(e) r / m} on top
 * of the bare record's. That slope is used where it is gentler than the fixed one (never steeper: a
 * series whose records barely overshoot scores as before). The mean starts from one record at the
 * fixed slope's scale ({@code log10(e) / (w bare)}), so a first record is judged as before, and it
 * learns only the records that stay below the confident level {@code q}: an alarm (an incident; a
 * variance burst breaks the record many times in an hour) teaches nothing about the noise's tail, so
 * incidents that recur are each still reported, while the noise's own records, each allowed up to the
 * overshoot that would reach {@code q} (three times the scale so far, for a bare record of 3.2), let a
 * heavy tail's scale grow as far as the series shows it. (Learning the alarms' overshoots too, capped at
 * that one, found five incidents fewer on the operations corpus, seed 42: 124 against 129 of 228.) Up
 * and down are kept apart: a heavy upper tail (spikes of load) says nothing about a drop (an outage).
 * The ensemble judges a count's raw record and its fast level record so, each with its own overshoots
 * (see {@link EnsembleDetector}); on real-valued heavy tails
 * it also quieted variance bursts, which overshoot as the noise does.
 */
final class RecordOvershoots {
    private static final double LOG10_E = Math.log10(Math.E);

    private final double[] mean = new double[2];
    private final int[] records = new int[2];

    /**
     * The surprisal of a record whose fixed-slope surprisal is {@code s = bare (1 + weight r)} on side
     * {@code up}, judged against the overshoots seen on that side; then learns its overshoot if it stays below
     * the confident level {@code q}.
     */
    double surprisal(double s, double bare, double weight, boolean up, double q) {
        if (!(s > 0) || !(bare > 0)) {
            return s;
        }
        int side = up ? 0 : 1;
        double r = (s / bare - 1) / weight;
        double fixedSlope = weight * bare;
        double prior = LOG10_E / fixedSlope;
        double m = (prior + mean[side] * records[side]) / (1 + records[side]);
        double slope = Math.min(fixedSlope, LOG10_E / m);
        double judged = bare + slope * r;
        double cap = Math.max(q - bare, 0) / slope;
        if (r <= cap) {
            mean[side] += (r - mean[side]) / (records[side] + 1.0);
            records[side] = Math.min(records[side] + 1, Integer.MAX_VALUE - 1);
        }
        return judged;
    }

    void writeTo(DataOutput out) throws IOException {
        for (int side = 0; side < 2; side++) {
            out.writeDouble(mean[side]);
            out.writeInt(records[side]);
        }
    }

    static RecordOvershoots readFrom(DataInput in) throws IOException {
        RecordOvershoots o = new RecordOvershoots();
        for (int side = 0; side < 2; side++) {
            o.mean[side] = in.readDouble();
            o.records[side] = in.readInt();
            if (!(o.mean[side] >= 0) || o.records[side] < 0) {
                throw new IOException(
                        "record overshoots out of range: mean " + o.mean[side] + ", records " + o.records[side]);
            }
        }
        return o;
    }
}
