package io.smartcloudops.bench.ops;

import io.smartcloudops.api.detect.Detector;
import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.detect.DetectorSettings;
import io.smartcloudops.api.detect.Score;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code ops --sources}: where one detector's false alarms at a threshold come from, counted as {@link
 * EventScorer} counts pages (the first alarm of a merged run outside every window), by the member that
 * spoke ({@link Score#component}), by the kind of noise the series has (whole values: counts; kurtosis of
 * the first differences above 6: heavy-tailed; else Gaussian) and by the day of the week and of the series.
 * A diagnosis, not a score: it says which mechanism to look at.
 */
final class FalseAlarmSources {
    private final Map<String, Integer> byMember = new TreeMap<>();
    private final Map<String, Integer> byNoise = new TreeMap<>();
    private final Map<String, Integer> byWeekday = new TreeMap<>();
    private final Map<Integer, Integer> byDay = new TreeMap<>();
    private int pages;

    /** Scores {@code corpus} with {@code factory} and counts the false pages at {@code threshold}. */
    static FalseAlarmSources measure(List<OpsSeries> corpus, DetectorFactory factory, long seed, double threshold) {
        FalseAlarmSources out = new FalseAlarmSources();
        SeriesId id = SeriesId.of("ops_series");
        DetectorSettings settings = DetectorSettings.defaults().withSeed(seed);
        for (OpsSeries series : corpus) {
            Detector d = factory.create(id, settings);
            String noise = noise(series.values());
            long start = series.rows() == 0 ? 0 : series.time(0) + EventScorer.WARMUP;
            long lastFalse = Long.MIN_VALUE;
            int w = 0;
            List<OpsSeries.Incident> windows = series.incidents();
            for (int i = 0; i < series.rows(); i++) {
                long t = series.time(i);
                Score s = d.update(new Sample(id, t, series.values()[i]));
                if (t < start || !(s.value() >= threshold)) {
                    continue;
                }
                while (w < windows.size() && windows.get(w).end() < t) {
                    w++;
                }
                if (w < windows.size() && windows.get(w).contains(t)) {
                    continue;
                }
                if (lastFalse == Long.MIN_VALUE || t - lastFalse >= EventScorer.MERGE_GAP) {
                    out.count(s.component(), noise, t, (int) ((t - series.time(0)) / OpsCorpus.DAY));
                }
                lastFalse = t;
            }
        }
        return out;
    }

    private void count(String member, String noise, long t, int day) {
        pages++;
        int dow = (int) Math.floorMod((t - OpsCorpus.EPOCH) / OpsCorpus.DAY, 7L);
        byMember.merge(member + " (" + noise + (dow >= 5 ? ", weekend" : "") + ")", 1, Integer::sum);
        byNoise.merge(noise, 1, Integer::sum);
        byWeekday.merge(dow >= 5 ? "weekend" : "weekday", 1, Integer::sum);
        byDay.merge(day, 1, Integer::sum);
    }

    static String noise(double[] v) {
        boolean whole = true;
        for (double x : v) {
            whole &= x == Math.rint(x);
        }
        if (whole) {
            return "counts";
        }
        double m = 0;
        for (int i = 1; i < v.length; i++) {
            m += v[i] - v[i - 1];
        }
        m /= Math.max(1, v.length - 1);
        double m2 = 0;
        double m4 = 0;
        for (int i = 1; i < v.length; i++) {
            double d = v[i] - v[i - 1] - m;
            m2 += d * d;
            m4 += d * d * d * d;
        }
        double k = m2 == 0 ? 0 : m4 * (v.length - 1) / (m2 * m2);
        return k > 6 ? "heavy" : "gaussian";
    }

    /** False pages counted. */
    int pages() {
        return pages;
    }

    /** False pages by "member (noise[, weekend])". */
    Map<String, Integer> byMember() {
        return Map.copyOf(byMember);
    }

    String format(String name, double threshold) {
        return String.format(
                Locale.ROOT,
                "false pages of %s at %.5g: %d; by member (noise) %s; by noise %s; %s; by day %s%n",
                name,
                threshold,
                pages,
                byMember,
                byNoise,
                byWeekday,
                byDay);
    }
}
