package io.smartcloudops.bench.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A second development corpus, generated from a seed (nothing committed but this code): what NAB
 * lacks and production streams have. Long series of 1-minute samples (two weeks by default) with
 * many incidents each (about one a day), of five kinds: spikes, level shifts (some permanent: a
 * deploy that changes the baseline), variance bursts, outages (the value falls to near zero) and
 * slow drifts; daily and weekly seasonality on most series, with holidays that look like a weekend
 * on a weekday (not incidents: a detector that alarms on them is wrong); missing stretches where no
 * sample arrives; Gaussian, heavy-tailed and count-like noise. The first day carries no incident, so
 * every detector has a day to warm up, and alarms in it are not scored.
 *
 * <pre>{@code
 * List<OpsSeries> corpus = new OpsCorpus(42).generate(20, 14);
 * }</pre>
 */
public final class OpsCorpus {
    static final long MINUTE = 60_000L;
    static final long DAY = 1440 * MINUTE;
    /** 2024-01-01T00:00Z, a Monday. */
    static final long EPOCH = 1_704_067_200_000L;
    /** After an injected effect ends, alarms still count as finding it for this long (a detector needs a few samples to be sure). */
    static final long LABEL_SLACK = 10 * MINUTE;

    private final long seed;

    public OpsCorpus(long seed) {
        this.seed = seed;
    }

    /** {@code series} series of {@code days} days each; the same seed gives the same corpus. */
    public List<OpsSeries> generate(int series, int days) {
        if (series < 1 || days < 2) {
            throw new IllegalArgumentException(
                    "need at least one series of two days or more, got " + series + " of " + days);
        }
        List<OpsSeries> out = new ArrayList<>(series);
        SplittableRandom root = new SplittableRandom(seed);
        for (int s = 0; s < series; s++) {
            out.add(one("ops-" + s, root.split(), days));
        }
        return out;
    }

    private enum Noise {
        GAUSSIAN,
        HEAVY,
        COUNTS
    }

    private static OpsSeries one(String name, SplittableRandom r, int days) {
        int n = days * 1440;
        double level = Math.exp(r.nextDouble(Math.log(5), Math.log(2000)));
        boolean seasonal = r.nextDouble() < 0.7;
        double daily = seasonal ? r.nextDouble(0.1, 0.6) : 0;
        double weekendDrop = seasonal && r.nextBoolean() ? r.nextDouble(0.2, 0.5) : 0;
        Noise noise = Noise.values()[r.nextInt(3)];
        double sd = level * r.nextDouble(0.02, 0.12);
        double phase = r.nextDouble(0, 2 * Math.PI);
        // holidays: a weekday or two that behaves like a weekend, unlabelled
        boolean[] holiday = new boolean[days];
        for (int h = 0; h < 1 + r.nextInt(2); h++) {
            holiday[1 + r.nextInt(days - 1)] = true;
        }
        double[] base = new double[n];
        double[] scale = new double[n];
        for (int i = 0; i < n; i++) {
            int day = i / 1440;
            int dow = day % 7; // 0 = Monday
            boolean weekend = dow >= 5 || holiday[day];
            double season = 1 + daily * Math.sin(2 * Math.PI * (i % 1440) / 1440.0 + phase);
            base[i] = level * season * (weekend ? 1 - weekendDrop : 1);
            scale[i] = 1;
        }
        List<OpsSeries.Incident> incidents = new ArrayList<>();
        long t = DAY + (long) (r.nextDouble() * DAY);
        while (true) {
            int start = (int) (t / MINUTE);
            if (start >= n - 300) {
                break;
            }
            incidents.add(inject(r, base, scale, start, sd, level));
            // about one incident a day, never two overlapping
            t += (long) ((3 + r.nextDouble() * 2 * 24) * 60 * MINUTE);
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            double e = switch (noise) {
                case GAUSSIAN -> r.nextGaussian() * sd;
                case HEAVY -> r.nextGaussian() * sd / Math.sqrt(Math.max(0.05, chiSquare3(r) / 3));
                case COUNTS -> 0;
            };
            double v = base[i] + e * scale[i];
            if (noise == Noise.COUNTS) {
                v = poissonish(r, Math.max(0, base[i]), sd * scale[i]);
            }
            values[i] = v;
        }
        // missing stretches: the source is unreachable, no sample arrives
        boolean[] missing = new boolean[n];
        for (int g = 0; g < days / 4 + 1; g++) {
            int from = 1440 + r.nextInt(n - 1440 - 200);
            int len = 5 + r.nextInt(120);
            for (int i = from; i < Math.min(n, from + len); i++) {
                missing[i] = true;
            }
        }
        int kept = 0;
        long[] ts = new long[n];
        double[] vs = new double[n];
        for (int i = 0; i < n; i++) {
            if (!missing[i]) {
                ts[kept] = EPOCH + i * MINUTE;
                vs[kept] = values[i];
                kept++;
            }
        }
        // an incident that fell wholly into a missing stretch cannot be seen: drop its label
        long[] keptTs = Arrays.copyOf(ts, kept);
        List<OpsSeries.Incident> visible = new ArrayList<>();
        for (OpsSeries.Incident inc : incidents) {
            OpsSeries.Incident abs = new OpsSeries.Incident(inc.kind(), EPOCH + inc.start(), EPOCH + inc.end());
            if (anyIn(keptTs, abs.start(), abs.end() - LABEL_SLACK)) {
                visible.add(abs);
            }
        }
        return new OpsSeries(name, keptTs, Arrays.copyOf(vs, kept), visible, days);
    }

    private static boolean anyIn(long[] ts, long from, long to) {
        int i = Arrays.binarySearch(ts, from);
        i = i < 0 ? -i - 1 : i;
        return i < ts.length && ts[i] <= to;
    }

    /** Changes {@code base}/{@code scale} from {@code start}; returns the label (relative milliseconds). */
    private static OpsSeries.Incident inject(
            SplittableRandom r, double[] base, double[] scale, int start, double sd, double level) {
        int n = base.length;
        double sign = r.nextBoolean() ? 1 : -1;
        String kind;
        int end;
        switch (r.nextInt(5)) {
            case 0 -> {
                kind = "spike";
                int len = 1 + r.nextInt(3);
                double size = sd * r.nextDouble(6, 14);
                for (int i = start; i < start + len; i++) {
                    base[i] += size * (sign > 0 || level > 3 * size ? sign : 1);
                }
                end = start + len - 1;
            }
            case 1 -> {
                kind = "level shift";
                boolean permanent = r.nextDouble() < 0.3;
                int len = permanent ? n - start : 30 + r.nextInt(210);
                double size = sd * r.nextDouble(3, 8) * sign;
                for (int i = start; i < Math.min(n, start + len); i++) {
                    base[i] += size;
                }
                // a permanent shift is an incident for its first hour; after that it is the new normal
                end = permanent ? start + 60 : start + len - 1;
            }
            case 2 -> {
                kind = "variance burst";
                int len = 20 + r.nextInt(100);
                double factor = r.nextDouble(4, 8);
                for (int i = start; i < start + len; i++) {
                    scale[i] *= factor;
                }
                end = start + len - 1;
            }
            case 3 -> {
                kind = "outage";
                int len = 10 + r.nextInt(50);
                for (int i = start; i < start + len; i++) {
                    base[i] *= 0.02;
                    scale[i] *= 0.1;
                }
                end = start + len - 1;
            }
            default -> {
                kind = "drift";
                int len = 120 + r.nextInt(240);
                double size = sd * r.nextDouble(5, 10) * sign;
                for (int i = start; i < start + len; i++) {
                    base[i] += size * (i - start) / len;
                }
                // the drift ends back at its base: a slow leak that someone fixed
                end = start + len - 1;
            }
        }
        return new OpsSeries.Incident(kind, start * MINUTE, end * MINUTE + LABEL_SLACK);
    }

    private static double chiSquare3(SplittableRandom r) {
        double a = r.nextGaussian();
        double b = r.nextGaussian();
        double c = r.nextGaussian();
        return a * a + b * b + c * c;
    }

    /** Count-like noise: a normal approximation of a Poisson-ish count with the series' spread, never negative, whole numbers. */
    private static double poissonish(SplittableRandom r, double mean, double sd) {
        double spread = Math.max(Math.sqrt(Math.max(mean, 1)), sd);
        return Math.max(0, Math.round(mean + r.nextGaussian() * spread));
    }
}
