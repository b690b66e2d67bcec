package io.smartcloudops.detect.ensemble;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The lowest and the highest of the values given so far, never forgotten, and their state: what
 * {@link WholeExtremes} and {@link SustainedLevels} each keep of a different value. Empty, the
 * bounds are the infinities the other way round, so the first value sets both. A base class rather
 * than a field, so that each keeps its two doubles without one more object a series.
 */
abstract class SeenBounds {
    private double lowest = Double.POSITIVE_INFINITY;
    private double highest = Double.NEGATIVE_INFINITY;

    /** Takes {@code x} into the bounds; callers keep NaN out (it would make both bounds NaN for good). */
    final void widen(double x) {
        lowest = Math.min(lowest, x);
        highest = Math.max(highest, x);
    }

    final double lowest() {
        return lowest;
    }

    final double highest() {
        return highest;
    }

    final void writeTo(DataOutput out) throws IOException {
        out.writeDouble(lowest);
        out.writeDouble(highest);
    }

    /** Reads bounds written by {@link #writeTo}; {@code what} names them in the error when they are out of order. */
    final void readBounds(DataInput in, String what) throws IOException {
        lowest = in.readDouble();
        highest = in.readDouble();
        if (!(lowest <= highest) && !(lowest == Double.POSITIVE_INFINITY && highest == Double.NEGATIVE_INFINITY)) {
            throw new IOException(what + " out of order: " + lowest + " > " + highest);
        }
    }
}
