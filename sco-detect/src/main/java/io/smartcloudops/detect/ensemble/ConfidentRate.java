package io.smartcloudops.detect.ensemble;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A record member's surprisal calibrated against how often it has been confident in this series. A
 * surprisal {@code s} claims a tail probability {@code 10^-s}, so among {@code n} samples a calibrated
 * member reaches the confident level {@code q} about {@code n 10^-q} times. A record's surprisal is not
 * fitted to the series, it is {@code log10(n)} times an overshoot factor: on heavy-tailed noise lone
 * outliers as large as an incident break the record every day or two, and on a count sitting near its
 * floor the small range is broken by whole units; there the member is confident many times more often
 * than it claims (on the operations corpus about seven times at {@code q = 4.5}). The ratio of the
 * observed to the claimed count, each with one added (a prior of one confident sample at the claimed
 * rate, so that a first alarm counts as news), is how far the member overstates; its logarithm is taken
 * off the surprisal (down to the record's surprisal as a bare record), never added (a member quieter than it claims is left alone). A series whose record
 * member is confident no more often than it claims scores as before; incidents count too, so a series
 * with an incident a day quiets its record member by about {@code log10(k / (n 10^-q))}, which a large
 * incident still clears.
 */
final class ConfidentRate {
    /** Samples, among those counted, at which the member's surprisal reached the confident level. */
    private int confident;

    /**
     * {@code s} less the logarithm of the member's observed over its claimed rate of confident samples,
     * where {@code claimed} is the claimed count so far ({@code n 10^-q}), but not below {@code floor} (nor
     * {@code s}); then counts {@code s} (as the member said it, before this calibration) if it reaches {@code
     * q}. A record's floor is its surprisal as a bare record, {@code log10} of the odds among exchangeable
     * samples: those odds hold whatever the tail, and only the weight given to its overshoot can be
     * overstated, so a record stays a record (an identical incident repeated every few hours is still
     * reported as one, at a bare record's surprisal).
     */
    double calibrated(double s, double floor, double claimed, double q) {
        if (s <= 0) {
            return s;
        }
        double overstated = (confident + 1.0) / (claimed + 1.0);
        if (s >= q) {
            confident++;
        }
        return overstated > 1 ? Math.max(Math.min(s, floor), s - Math.log10(overstated)) : s;
    }

    /** Confident samples counted so far. */
    int confident() {
        return confident;
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeInt(confident);
    }

    static ConfidentRate readFrom(DataInput in) throws IOException {
        ConfidentRate r = new ConfidentRate();
        r.confident = in.readInt();
        if (r.confident < 0) {
            throw new IOException("negative count of confident samples: " + r.confident);
        }
        return r;
    }
}
