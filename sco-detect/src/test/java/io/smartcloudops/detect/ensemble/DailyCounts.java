package io.smartcloudops.detect.ensemble;

import io.smartcloudops.api.detect.Detector;
import io.smartcloudops.api.detect.Score;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import java.util.SplittableRandom;

/**
 * One-minute counts whose mean swings by 40% over the day, and the pages a record member raises on two weeks of
 * them: what the overshoot tests of the raw and the fast level record share.
 */
final class DailyCounts {
    static final long START = 1_700_000_000_000L;

    private DailyCounts() {}

    /** A Poisson count (Knuth's product of uniforms) of mean {@code rate} at {@code minute}, swinging over the day. */
    static double poisson(SplittableRandom r, int minute, double rate) {
        double limit = Math.exp(-rate * (1 + 0.4 * Math.sin(2 * Math.PI * minute / 1440.0)));
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > limit);
        return k - 1;
    }

    /**
     * Pages {@code component} raises on {@code d} over two weeks of counts of mean {@code rate}, after the first day:
     * a page is a run of confident scores (at least 0.95), runs less than ten minutes apart merged.
     */
    static int pagesAfterFirstDay(Detector d, SeriesId series, SplittableRandom r, double rate, String component) {
        int pages = 0;
        int last = Integer.MIN_VALUE;
        for (int i = 0; i < 14 * 1440; i++) {
            Score s = d.update(new Sample(series, START + i * 60_000L, poisson(r, i, rate)));
            if (i >= 1440 && s.value() >= 0.95 && s.component().equals(component)) {
                pages += i - last >= 10 ? 1 : 0;
                last = i;
            }
        }
        return pages;
    }
}
