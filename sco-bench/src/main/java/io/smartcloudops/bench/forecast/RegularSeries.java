package io.smartcloudops.bench.forecast;

import io.smartcloudops.bench.nab.NabSeries;
import java.util.Arrays;

/**
 * A series on a regular grid: the means of the samples in each step-long bin, empty bins filled by
 * linear interpolation between their neighbours (and counted, so that series with many holes can be
 * left out).
 *
 * @param name where it came from, e.g. {@code realKnownCause/nyc_taxi.csv}
 * @param stepMillis the grid's spacing
 * @param values one per bin, oldest first
 * @param filled how many bins were empty and interpolated
 */
record RegularSeries(String name, long stepMillis, double[] values, int filled) {

    int length() {
        return values.length;
    }

    double filledShare() {
        return (double) filled / values.length;
    }

    /** {@code s} binned at {@code stepMillis}, bins aligned to multiples of the step since the epoch. */
    static RegularSeries resample(NabSeries s, long stepMillis) {
        long first = Math.floorDiv(s.epochMillis(0), stepMillis);
        long last = first;
        for (int r = 0; r < s.rows(); r++) {
            last = Math.max(last, Math.floorDiv(s.epochMillis(r), stepMillis));
        }
        int bins = Math.toIntExact(last - first + 1);
        double[] sum = new double[bins];
        int[] count = new int[bins];
        for (int r = 0; r < s.rows(); r++) {
            double v = s.value(r);
            if (Double.isFinite(v)) {
                int b = (int) (Math.floorDiv(s.epochMillis(r), stepMillis) - first);
                sum[b] += v;
                count[b]++;
            }
        }
        return fromBins(s.relativePath(), stepMillis, sum, count);
    }

    static RegularSeries fromBins(String name, long stepMillis, double[] sum, int[] count) {
        int bins = sum.length;
        double[] values = new double[bins];
        int filled = 0;
        int previous = -1;
        for (int b = 0; b < bins; b++) {
            if (count[b] == 0) {
                continue;
            }
            values[b] = sum[b] / count[b];
            for (int g = previous + 1; g < b; g++) {
                // a hole between two bins with data: on the line between them (before the first: the first value)
                values[g] = previous < 0
                        ? values[b]
                        : values[previous] + (values[b] - values[previous]) * (g - previous) / (b - previous);
                filled++;
            }
            previous = b;
        }
        if (previous < 0) {
            throw new IllegalArgumentException(name + " has no finite values");
        }
        return new RegularSeries(name, stepMillis, values, filled);
    }

    /** The median spacing of a NAB file's rows, its native sampling interval. */
    static long nativeStepMillis(NabSeries s) {
        long[] gaps = new long[s.rows() - 1];
        for (int r = 1; r < s.rows(); r++) {
            gaps[r - 1] = s.epochMillis(r) - s.epochMillis(r - 1);
        }
        Arrays.sort(gaps);
        return gaps[gaps.length / 2];
    }
}
