package io.smartcloudops.bench.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Event-level scoring, as an operator counts: an incident is found when at least one alarm falls
 * inside its window; alarms outside every window, merged when less than {@link #MERGE_GAP} apart,
 * are false alarms (one page each). Event F1 is {@code 2 found / (2 found + false alarms + missed)}.
 * Alarms in the first day (the warm-up, where no incident is placed) are not scored.
 *
 * <pre>{@code
 * EventScore s = new EventScorer().score(corpus, scores, 0.95);
 * }</pre>
 */
public final class EventScorer {
    /** False alarms closer than this are one page. */
    static final long MERGE_GAP = 10 * OpsCorpus.MINUTE;

    static final long WARMUP = OpsCorpus.DAY;

    /**
     * @param found incidents with an alarm inside their window
     * @param falseAlarms merged alarm runs outside every window
     */
    public record EventScore(double threshold, int incidents, int found, int falseAlarms, double days) {
        public double f1() {
            int missed = incidents - found;
            return found == 0 ? 0 : 2.0 * found / (2.0 * found + falseAlarms + missed);
        }

        public double falseAlarmsPerDay() {
            return falseAlarms / days;
        }
    }

    /** Scores {@code scores.get(i)} (one per row of {@code corpus.get(i)}) with alarms where a score is {@code >= threshold}. */
    public EventScore score(List<OpsSeries> corpus, List<double[]> scores, double threshold) {
        int incidents = 0;
        int found = 0;
        int falseAlarms = 0;
        double days = 0;
        for (int s = 0; s < corpus.size(); s++) {
            OpsSeries series = corpus.get(s);
            double[] score = scores.get(s);
            List<OpsSeries.Incident> windows = series.incidents();
            boolean[] hit = new boolean[windows.size()];
            long start = series.rows() == 0 ? 0 : series.time(0) + WARMUP;
            long lastFalse = Long.MIN_VALUE;
            int w = 0;
            for (int i = 0; i < series.rows(); i++) {
                long t = series.time(i);
                if (t < start || !(score[i] >= threshold)) {
                    continue;
                }
                while (w < windows.size() && windows.get(w).end() < t) {
                    w++;
                }
                if (w < windows.size() && windows.get(w).contains(t)) {
                    hit[w] = true;
                } else {
                    if (lastFalse == Long.MIN_VALUE || t - lastFalse >= MERGE_GAP) {
                        falseAlarms++;
                    }
                    lastFalse = t;
                }
            }
            incidents += windows.size();
            for (boolean h : hit) {
                found += h ? 1 : 0;
            }
            days += Math.max(0, series.days() - WARMUP / (double) OpsCorpus.DAY);
        }
        return new EventScore(threshold, incidents, found, falseAlarms, days);
    }

    /**
     * Incidents found and labelled, per kind ({@link OpsSeries.Incident#kind}), with alarms where a score
     * is {@code >= threshold}: which kinds of incident a detector misses.
     */
    public SortedMap<String, int[]> foundByKind(List<OpsSeries> corpus, List<double[]> scores, double threshold) {
        SortedMap<String, int[]> out = new TreeMap<>();
        List<double[]> peaks = peaks(corpus, scores);
        for (int s = 0; s < corpus.size(); s++) {
            List<OpsSeries.Incident> incidents = corpus.get(s).incidents();
            for (int k = 0; k < incidents.size(); k++) {
                int[] counts = out.computeIfAbsent(incidents.get(k).kind(), x -> new int[2]);
                counts[1]++;
                counts[0] += peaks.get(s)[k] >= threshold ? 1 : 0;
            }
        }
        return out;
    }

    /**
     * Per series, per incident: the highest score inside the incident's window after the warm-up (negative
     * infinity where none was scored). An incident is found at a threshold the peak reaches, so one pass
     * tells which incidents a detector found at any threshold, and how far below it a missed one stayed.
     */
    public List<double[]> peaks(List<OpsSeries> corpus, List<double[]> scores) {
        List<double[]> out = new ArrayList<>(corpus.size());
        for (int s = 0; s < corpus.size(); s++) {
            OpsSeries series = corpus.get(s);
            double[] score = scores.get(s);
            long start = series.rows() == 0 ? 0 : series.time(0) + WARMUP;
            List<OpsSeries.Incident> incidents = series.incidents();
            double[] peak = new double[incidents.size()];
            Arrays.fill(peak, Double.NEGATIVE_INFINITY);
            for (int k = 0; k < incidents.size(); k++) {
                OpsSeries.Incident inc = incidents.get(k);
                int i = Arrays.binarySearch(series.timestampsView(), Math.max(start, inc.start()));
                for (i = i < 0 ? -i - 1 : i; i < series.rows() && series.time(i) <= inc.end(); i++) {
                    // NaN never reaches a threshold, as in score
                    if (score[i] > peak[k]) {
                        peak[k] = score[i];
                    }
                }
            }
            out.add(peak);
        }
        return out;
    }

    /**
     * The threshold with the best event F1 among those that raise at most {@code maxFalsePerDay}
     * false alarms a day; candidates are quantiles of the scored rows' scores.
     */
    public EventScore best(List<OpsSeries> corpus, List<double[]> scores, double maxFalsePerDay) {
        double[] all = scores.stream()
                .flatMapToDouble(Arrays::stream)
                .filter(Double::isFinite)
                .sorted()
                .toArray();
        EventScore best = score(corpus, scores, Double.POSITIVE_INFINITY);
        for (int q = 0; q <= 400; q++) {
            // denser near the top, where useful thresholds live
            double share = 1 - Math.pow(10, -4.0 * q / 400) * 0.2;
            double threshold = all[Math.min(all.length - 1, (int) Math.floor(share * all.length))];
            EventScore s = score(corpus, scores, threshold);
            if (s.falseAlarmsPerDay() <= maxFalsePerDay && s.f1() > best.f1()) {
                best = s;
            }
        }
        return best;
    }
}
