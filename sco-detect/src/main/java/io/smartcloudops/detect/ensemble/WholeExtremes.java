package io.smartcloudops.detect.ensemble;

import java.io.DataInput;
import java.io.IOException;

/**
 * The lowest and the highest whole value a series has shown. A value equal to an extreme seen before
 * is a tie, not a record: the raw record's range contracts towards the mean between records and, on a
 * one-minute series, is judged with the day's swing taken out, so in the original units it no longer
 * holds the series' floor and ceiling; a count back at its floor (a 0 after many 0s, judged against the
 * busy hour's profile) or a gauge back at its cap broke that range again and again. Only whole values
 * are tracked: real-valued samples equal an extreme only by chance, and an unseen lower or higher value
 * is judged as before.
 */
final class WholeExtremes extends SeenBounds {
    /** True if the whole value {@code x} equals the lowest or the highest whole value seen before; then learns it. */
    boolean tie(double x) {
        boolean tie = x == lowest() || x == highest();
        widen(x);
        return tie;
    }

    static WholeExtremes readFrom(DataInput in) throws IOException {
        WholeExtremes read = new WholeExtremes();
        read.readBounds(in, "whole extremes");
        return read;
    }
}
