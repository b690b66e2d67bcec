package io.smartcloudops.bench.forecast;

import io.smartcloudops.api.forecast.Forecaster;
import io.smartcloudops.api.forecast.SeriesForecast;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * Time-to-threshold from a freshly started agent: five minutes of samples 5 s apart of a disk's
 * percentage used, and the question "does it reach 100% within 24 h?". Four kinds of series, each
 * drawn from a seed:
 * <ul>
 *   <li>{@code flat}: a constant level in [50, 95];</li>
 *   <li>{@code noisy}: that level plus white noise of a standard deviation in [0.1, 2];</li>
 *   <li>{@code random walk}: from that level, steps of a standard deviation in [0.005, 0.05] a
 *       sample, no drift;</li>
 *   <li>{@code filling}: a disk filling at 24% a day from a level in [78, 98] (so it reaches 100% in
 *       2–22 h), with reading noise of a standard deviation in [0, 0.05].</li>
 * </ul>
 * Whether a series reaches 100% within the day is decided on the process, not on its readings'
 * noise: flat and noisy ones never do, filling ones always do, and a random walk is drawn for the
 * next 24 hours: those that get there are not counted as false claims, and are reported. A claim is the answer's point forecast reaching 100% within the horizon, which is what
 * chat states as "reaches 100% at ...".
 *
 * @param perKind series drawn per kind
 * @param seed the generators' seed
 */
record ThresholdClaims(int perKind, long seed) {
    static final SeriesId DISK = SeriesId.of("node_disk_used_percent");
    static final long STEP = 5_000;
    static final int SAMPLES = 60;
    static final double THRESHOLD = 100.0;
    static final Duration HORIZON = Duration.ofHours(24);
    static final double FILL_PER_DAY = 24.0;
    private static final int DAY_STEPS = (int) (HORIZON.toMillis() / STEP);
    private static final long T0 = 1_700_000_000_000L;

    enum Kind {
        FLAT("flat", false),
        NOISY("noisy", false),
        RANDOM_WALK("random walk", false),
        FILLING("filling 24%/day", true);

        final String label;
        final boolean drifts;

        Kind(String label, boolean drifts) {
            this.label = label;
            this.drifts = drifts;
        }
    }

    /** One kind's outcome: how many series, how many truly cross within the day, how many the forecaster claimed. */
    record Outcome(Kind kind, int series, int crossing, int claimed, int claimedOfCrossing, int claimedOfNotCrossing) {
        /** Claims on series that did not reach the threshold within the day, as a share of those. */
        double falseClaimRate() {
            int negatives = series - crossing;
            return negatives == 0 ? Double.NaN : (double) claimedOfNotCrossing / negatives;
        }

        /** Claims on series that did, as a share of those. */
        double hitRate() {
            return crossing == 0 ? Double.NaN : (double) claimedOfCrossing / crossing;
        }
    }

    /** One generated series: its first five minutes and whether the next day reaches the threshold. */
    record Case(List<Sample> history, boolean crosses) {}

    Map<Kind, Outcome> run(Predicate<List<Sample>> claims) {
        Map<Kind, Outcome> out = new LinkedHashMap<>();
        for (Kind kind : Kind.values()) {
            SplittableRandom rnd = new SplittableRandom(seed * 31 + kind.ordinal());
            int crossing = 0;
            int claimed = 0;
            int hits = 0;
            int falseClaims = 0;
            for (int i = 0; i < perKind; i++) {
                Case c = draw(kind, rnd);
                boolean claim = claims.test(c.history());
                crossing += c.crosses() ? 1 : 0;
                claimed += claim ? 1 : 0;
                hits += claim && c.crosses() ? 1 : 0;
                falseClaims += claim && !c.crosses() ? 1 : 0;
            }
            out.put(kind, new Outcome(kind, perKind, crossing, claimed, hits, falseClaims));
        }
        return out;
    }

    /** The product's answer: its point forecast reaches the threshold within the horizon. */
    static Predicate<List<Sample>> claimsOf(Forecaster forecaster) {
        return history -> forecaster.forecast(DISK, history, HORIZON, THRESHOLD) instanceof SeriesForecast.Projection p
                && p.crossing().map(c -> c.withinHorizon()).orElse(false);
    }

    static Case draw(Kind kind, SplittableRandom rnd) {
        double level = kind == Kind.FILLING ? 78 + 20 * rnd.nextDouble() : 50 + 45 * rnd.nextDouble();
        double noise = switch (kind) {
            case FLAT -> 0;
            case NOISY -> 0.1 + 1.9 * rnd.nextDouble();
            case RANDOM_WALK -> 0.005 + 0.045 * rnd.nextDouble();
            case FILLING -> 0.05 * rnd.nextDouble();
        };
        double perStep = FILL_PER_DAY / DAY_STEPS;
        List<Sample> history = new ArrayList<>(SAMPLES);
        double walk = level;
        for (int i = 0; i < SAMPLES; i++) {
            double x = switch (kind) {
                case FLAT -> level;
                case NOISY -> level + noise * rnd.nextGaussian();
                case RANDOM_WALK -> walk += i == 0 ? 0 : noise * rnd.nextGaussian();
                case FILLING -> level + perStep * i + noise * rnd.nextGaussian();
            };
            history.add(new Sample(DISK, T0 + i * STEP, x));
        }
        boolean crosses = kind.drifts;
        for (int i = 0; kind == Kind.RANDOM_WALK && i < DAY_STEPS && !crosses; i++) {
            walk += noise * rnd.nextGaussian();
            crosses = walk >= THRESHOLD;
        }
        return new Case(List.copyOf(history), crosses);
    }
}
