package io.smartcloudops.detect.ensemble;

import java.io.DataInput;
import java.io.IOException;

/**
 * The lowest and the highest level the series has sustained: extremes of the slow level's average
 * (about a hundred samples), never forgotten. The fast level record's range contracts towards the mean
 * between records, so a level the series held for hours a week ago (a weekend's lower traffic, a quiet
 * night) broke it again on its return, each time as a new extreme. A fast level within the levels
 * sustained before is a record of the contracted range only, judged as a bare record (its overshoot
 * measured against a bound the series has already been beyond for a long while says nothing new);
 * one beyond them is judged as before. A brief excursion (an outage of minutes, a spike) moves the
 * slow average only a part of the way, so a repeat of it is still a new extreme of the fast level.
 */
final class SustainedLevels extends SeenBounds {
    /**
     * Learns the slow level {@code slow}. A level that is not a number (a detector fed NaN directly; the pipeline
     * drops such samples) is not learnt: it would make both bounds NaN for good, and a snapshot of them unreadable.
     */
    void learn(double slow) {
        if (!Double.isNaN(slow)) {
            widen(slow);
        }
    }

    /** True if {@code level} is within the levels sustained so far. */
    boolean within(double level) {
        return level >= lowest() && level <= highest();
    }

    static SustainedLevels readFrom(DataInput in) throws IOException {
        SustainedLevels read = new SustainedLevels();
        read.readBounds(in, "sustained levels");
        return read;
    }
}
