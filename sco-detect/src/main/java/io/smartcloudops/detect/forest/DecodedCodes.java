package io.smartcloudops.detect.forest;

import io.smartcloudops.detect.code.ValueCode;
import java.util.Arrays;

/**
 * The values of the codes decoded while one forest grows. A node's range is decoded at both ends, and
 * a child shares one end with its parent whenever it splits the same dimension, as a root does with its
 * tree's box: a decode is a {@link StrictMath#sinh}, most of a growth's cost. A small direct-mapped
 * table, made for one growth and dropped after it (not state); a miss decodes, so every value is the
 * one {@link ValueCode#decode(short)} gives.
 */
final class DecodedCodes {
    /** Slots of the table: a few kilobytes once every 256 samples, where a growth decodes about 500 codes. */
    private static final int SLOTS = 256;
    /** No code is this (codes are 16-bit): an empty slot. */
    private static final int EMPTY = Integer.MIN_VALUE;

    private final ValueCode code;
    private final int[] codes = new int[SLOTS];
    private final double[] values = new double[SLOTS];

    DecodedCodes(ValueCode code) {
        this.code = code;
        Arrays.fill(codes, EMPTY);
    }

    /** {@code code.decode((short) c)} for a code {@code c} (NaN's included). */
    double value(int c) {
        int slot = c & (SLOTS - 1);
        if (codes[slot] == c) {
            return values[slot];
        }
        double v = code.decode((short) c);
        codes[slot] = c;
        values[slot] = v;
        return v;
    }
}
