package io.smartcloudops.detect.seasonal;

import io.smartcloudops.api.forecast.ForecastPoint;
import io.smartcloudops.api.forecast.Forecaster;
import io.smartcloudops.api.forecast.MetricRange;
import io.smartcloudops.api.forecast.SeriesForecast;
import io.smartcloudops.api.forecast.ThresholdCrossing;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The product's one forecaster on request: the {@link SeasonalForecaster} (damped additive
 * Holt-Winters with a season found from the data) fitted to a series' retained history, answering
 * chat's forecasts and time-to-threshold questions and the API's forecast call.
 *
 * <p>What it promises: it refuses below {@link #MIN_SAMPLES} usable samples; every value it states
 * lies within the series' {@link MetricRange} (a percentage past 100 is reported as the time it
 * reaches 100 instead); intervals are 80% and 95%, the model's standard deviation times factors
 * learnt at each lead from the history's own backtest ({@link IntervalCalibration}: the older half
 * fitted, its forecasts of the newer half scored), not from a normal distribution, whose 80%
 * interval is too wide for the heavy-tailed errors of operations metrics. The trend's damping is
 * a time constant ({@link #TREND_MEMORY}), turned into a per-sample factor at the series' own
 * sampling interval, so a disk filling 24% a day is projected to fill 24% a day whether it is
 * sampled every 5 s or every minute. The level and season
 * smoothing are fitted to each history by least squares over a small grid ({@link #ALPHAS},
 * {@link #GAMMAS}), so a wandering series is followed closely and a steady one remembered long;
 * the next sample is forecast by the smoothing that forecast the next sample best.
 *
 * <pre>{@code
 * Forecaster f = new SeasonalSeriesForecaster();
 * SeriesForecast answer = f.forecast(disk, history, Duration.ofDays(1), 100.0);
 * }</pre>
 *
 * <p>Stateless and thread-safe: each call fits afresh and backtests its intervals, in about
 * 0.1–0.25 ms of CPU for the histories the agent keeps (sco-bench's {@code ForecastCostBenchmark}).
 */
public final class SeasonalSeriesForecaster implements Forecaster {
    /** Fewer usable samples than this and the forecast is refused: below it a trend's standard error is itself unreliable. */
    public static final int MIN_SAMPLES = 20;

    /**
     * The trend's time constant: its effect on the level fades as {@code exp(-lead / TREND_MEMORY)},
     * so after a day it still carries 87% of its slope and no straight line is drawn forever.
     */
    public static final Duration TREND_MEMORY = Duration.ofDays(7);

    /** Steps forecast at most; a horizon needing more is cut here (at 5 s samples, 11.5 days). */
    static final int MAX_STEPS = 200_000;

    /**
     * The level smoothings tried, from a memory of about 30 samples to following the newest value;
     * the one whose in-sample forecasts at the judged {@link #leads} are best is kept (and for the
     * next sample alone the one with the least one-step squared error).
     */
    static final double[] ALPHAS = {0.03, 0.1, 0.2, 0.35, 0.5, 0.7, 0.9};

    /** The season smoothings tried alongside, from a fixed season to one that moves within a few cycles. */
    static final double[] GAMMAS = {0.0, 0.05, 0.1, 0.2, 0.35};

    private static final int POINTS = 48;

    @Override
    public SeriesForecast forecast(SeriesId series, List<Sample> history, Duration horizon, double threshold) {
        if (horizon.isNegative() || horizon.isZero()) {
            throw new IllegalArgumentException("a forecast horizon must be positive, got " + horizon);
        }
        List<Sample> finite = history.stream()
                .filter(s -> Double.isFinite(s.value()))
                .sorted(Comparator.comparingLong(Sample::timestampMillis))
                .toList();
        long[] t = new long[finite.size()];
        double[] x = new double[finite.size()];
        int n = 0;
        for (Sample s : finite) {
            if (n > 0 && s.timestampMillis() == t[n - 1]) {
                x[n - 1] = s.value(); // a repeated timestamp: the later value wins, as in a scrape
                continue;
            }
            t[n] = s.timestampMillis();
            x[n] = s.value();
            n++;
        }
        long stepMillis = n >= 2 ? medianSpacing(t, n) : 0;
        Duration span = Duration.ofMillis(n >= 2 ? t[n - 1] - t[0] : 0);
        if (n < MIN_SAMPLES || stepMillis <= 0) {
            Duration needed = Duration.ofMillis(stepMillis > 0 ? (MIN_SAMPLES - 1) * stepMillis : 0);
            return new SeriesForecast.Refused(series, MIN_SAMPLES, n, needed, span);
        }
        MetricRange range = MetricRange.of(series);
        int steps = (int) Math.min(MAX_STEPS, Math.max(1, (horizon.toMillis() + stepMillis - 1) / stepMillis));
        double phi = Math.exp(-(double) stepMillis / TREND_MEMORY.toMillis());
        SeasonalParameters d = SeasonalParameters.defaults();
        SeasonalParameters p = new SeasonalParameters(
                d.alpha(),
                0.0,
                d.gamma(),
                phi,
                Math.min(Math.max(n, 2 * d.minPeriod()), 16_384),
                d.minPeriod(),
                d.maxPeriod(),
                d.minCorrelation(),
                d.clipZ(),
                d.intervalZ());
        double[] values = Arrays.copyOfRange(x, Math.max(0, n - p.learnWindow()), n);
        int[] leads = leads(steps, values.length);
        SeasonalForecaster model = fitChoosingSmoothing(values, p, ALPHAS, GAMMAS, leads);
        // measured no further ahead than the older half's forecasts of the newer half can be judged
        IntervalCalibration calibration = model.calibration(values, leads(steps, values.length / 2));
        ForecastPath path = model.path(steps, phi);

        Instant from = Instant.ofEpochMilli(t[n - 1]);
        List<ForecastPoint> points = new ArrayList<>(POINTS);
        int stride = Math.max(1, steps / POINTS);
        for (int k = stride; k <= steps; k += stride) {
            points.add(point(path, calibration, k, from, stepMillis, range));
        }
        if (steps % stride != 0) {
            points.add(point(path, calibration, steps, from, stepMillis, range));
        }
        Optional<ThresholdCrossing> crossing = Double.isNaN(threshold)
                ? Optional.empty()
                : Optional.of(crossing(path, calibration, threshold, x[n - 1], from, stepMillis));
        String model1 = String.format(
                Locale.ROOT,
                "seasonal Holt-Winters (%s; trend %s; alpha %.2f%s by least squares up to %d steps ahead; %d samples %d s apart;"
                        + " intervals from its own backtest)",
                model.period() > 0 ? "season of " + model.period() + " samples" : "no season",
                model.trend() == 0.0 ? "not significant, not extrapolated" : "significant",
                model.alpha(),
                model.period() > 0 ? String.format(Locale.ROOT, ", gamma %.2f", model.gamma()) : "",
                Math.min(steps, Math.max(1, values.length / 4)),
                values.length,
                stepMillis / 1000);
        return new SeriesForecast.Projection(
                series, from, x[n - 1], Duration.ofMillis(stepMillis), range, points, crossing, model1, values.length);
    }

    /**
     * The leads the smoothing is judged at: 1, 4, 16, ... up to the horizon, but no further than a
     * quarter of the history, so that three quarters of it still has forecasts to judge.
     */
    static int[] leads(int steps, int samples) {
        int last = Math.max(1, Math.min(steps, samples / 4));
        List<Integer> out = new ArrayList<>();
        for (int lead = 1; lead < last; lead *= 4) {
            out.add(lead);
        }
        out.add(last);
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static ForecastPoint point(
            ForecastPath path, IntervalCalibration c, int k, Instant from, long stepMillis, MetricRange r) {
        double mean = path.mean(k);
        double sd = path.sd(k);
        return new ForecastPoint(
                from.plusMillis(k * stepMillis),
                r.clamp(mean),
                r.clamp(mean - c.z80(k) * sd),
                r.clamp(mean + c.z80(k) * sd),
                r.clamp(mean - c.z95(k) * sd),
                r.clamp(mean + c.z95(k) * sd));
    }

    /**
     * When the forecast gets to {@code threshold} from the side the newest value is on, taken on the
     * unclamped path: a percentage reaching 100 is reported as that time, never as a value beyond it.
     */
    private static ThresholdCrossing crossing(
            ForecastPath path, IntervalCalibration c, double threshold, double last, Instant from, long stepMillis) {
        boolean rising = last < threshold;
        int at = -1;
        int near = -1;
        int far = -1;
        for (int k = 1; k <= path.horizon() && far < 0; k++) {
            double m = path.mean(k);
            double half = c.z80(k) * path.sd(k);
            if (at < 0 && (rising ? m >= threshold : m <= threshold)) {
                at = k;
            }
            if (near < 0 && (rising ? m + half >= threshold : m - half <= threshold)) {
                near = k;
            }
            if (rising ? m - half >= threshold : m + half <= threshold) {
                far = k;
            }
        }
        if (last == threshold) {
            at = 0;
            near = 0;
            far = 0;
        }
        return new ThresholdCrossing(
                threshold,
                instant(at, from, stepMillis),
                instant(near, from, stepMillis),
                instant(far, from, stepMillis),
                from.plusMillis(path.horizon() * stepMillis));
    }

    private static Optional<Instant> instant(int step, Instant from, long stepMillis) {
        return step < 0 ? Optional.empty() : Optional.of(from.plusMillis(step * stepMillis));
    }

    private static long medianSpacing(long[] t, int n) {
        long[] gaps = new long[n - 1];
        for (int i = 1; i < n; i++) {
            gaps[i - 1] = t[i] - t[i - 1];
        }
        Arrays.sort(gaps);
        return gaps[gaps.length / 2];
    }

    /**
     * {@link SeasonalForecaster#fit}, with the level and season smoothing ({@code alpha}, {@code gamma}) chosen from
     * candidates as the pair whose replay forecasts the history best at the {@code leads} asked
     * about, a multi-step criterion like the "average MSE" of Hyndman et al. (2008, 5.2; R's
     * {@code ets(opt.crit = "amse")}), but averaging the logarithms of the in-sample mean squared
     * errors at those leads, so that each lead counts alike however large its errors (the longest
     * would otherwise decide alone). One-step least squares alone favours following the newest
     * value, which serves the next sample but not the next day. A series that wanders wants its
     * level to follow the newest values, one that returns to its mean wants a long memory, and the
     * intervals, which grow with {@code alpha} and {@code gamma}, then widen at the rate this
     * series' errors accumulate. Pairs with {@code alpha + gamma >= 1} are not admissible and
     * skipped; without a season only {@code alpha} is chosen, {@code gamma} staying {@code p.gamma()}.
     * The next sample alone is forecast by the candidate with the least in-sample one-step error
     * (when that is another one): a forecast judged at one lead for the lead it serves, as ETS
     * fitted by one-step likelihood is for the next value.
     *
     * @param leads steps ahead to judge the in-sample forecasts at, each at least 1 and below {@code x.length}
     */
    static SeasonalForecaster fitChoosingSmoothing(
            double[] x, SeasonalParameters p, double[] alphas, double[] gammas, int[] leads) {
        SeasonalForecaster base = SeasonalForecaster.decompose(x, p, -1);
        // one coordinate at a time, alpha at the configured gamma and then gamma at the best alpha:
        // a third of the replays of the full grid, for a forecast that stays cheap
        SeasonalForecaster best = null;
        SeasonalForecaster next = null;
        double bestLoss = Double.POSITIVE_INFINITY;
        for (double alpha : alphas) {
            if (alpha + p.gamma() < 1) {
                SeasonalForecaster candidate = base.withSmoothing(alpha, p.gamma());
                double loss = candidate.replay(x, leads);
                next = next == null || candidate.oneStepMse() < next.oneStepMse() ? candidate : next;
                if (best == null || loss < bestLoss) {
                    best = candidate;
                    bestLoss = loss;
                }
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("no admissible smoothing among alphas " + Arrays.toString(alphas)
                    + " with gamma " + p.gamma() + ": alpha + gamma must stay below 1");
        }
        double alpha = best.alpha();
        for (double gamma : base.period() > 0 ? gammas : new double[0]) {
            if (gamma != p.gamma() && alpha + gamma < 1) {
                SeasonalForecaster candidate = base.withSmoothing(alpha, gamma);
                double loss = candidate.replay(x, leads);
                next = candidate.oneStepMse() < next.oneStepMse() ? candidate : next;
                if (loss < bestLoss) {
                    best = candidate;
                    bestLoss = loss;
                }
            }
        }
        // the next sample from the smoothing that forecast the next sample best, the rest from the one
        // that forecast all the leads best: one-step least squares serves exactly one step
        best.forecastNextWith(next != best && leads[0] == 1 ? next : null);
        return best;
    }
}
