package io.smartcloudops.detect.seasonal;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Additive Holt-Winters with a damped trend, in error-correction form, whose season is found from
 * the data: the first {@code learnWindow} samples are kept (in single precision), their autocorrelation names the period
 * (or says there is none), the season is initialised from them and the model is replayed over them;
 * afterwards memory is the season plus a handful of numbers. Each sample is first forecast, then
 * learned, with its pull clipped so one spike cannot bend the model.
 *
 * <pre>{@code
 * SeasonalForecaster f = new SeasonalForecaster(SeasonalParameters.defaults());
 * for (double x : history) f.update(x);
 * List<Forecast> next = f.forecast(12);
 * }</pre>
 */
public final class SeasonalForecaster {
    private final SeasonalParameters p;
    private long count;
    private double level;
    private double trend;
    private int period;
    private double[] season = new double[0];
    private float[] learning;
    private double absError;
    private double sqError;
    private double lastError;
    /** Standard error of the trend when it was fitted to a whole history ({@link #fit}); NaN when learned sample by sample. */
    private double trendSe = Double.NaN;
    /** Mean squared in-sample one-step error of the latest replay of a fitted history; NaN when not judged at lead 1. */
    private double oneStepMse = Double.NaN;
    /**
     * For a fitted history, the candidate smoothing with the least in-sample one-step error, which
     * forecasts the next sample; null when this model forecasts it itself.
     */
    private SeasonalForecaster nextStep;

    public SeasonalForecaster(SeasonalParameters params) {
        this.p = params;
        this.learning = new float[params.learnWindow()];
    }

    /** The forecast for the next sample (the last value before any data... NaN with no data). */
    public double expectedNext() {
        if (count == 0) {
            return Double.NaN;
        }
        return level + p.phi() * trend + seasonal(count);
    }

    /** Forecasts the sample, learns it, and returns its error in units of the typical one-step error. */
    public double update(double x) {
        if (count == 0) {
            level = x;
            trend = 0;
            remember(x);
            count = 1;
            lastError = 0;
            return 0.0;
        }
        double error = x - expectedNext();
        double scale = errorScale();
        lastError = error;
        double z = error / scale;
        learn(error, scale, count, count);
        remember(x);
        count++;
        if (count == p.learnWindow()) {
            fitSeason();
        }
        return z;
    }

    /** Learns the error of sample {@code index}, the {@code seen}-th one the error statistics learn from. */
    private void learn(double error, double scale, long index, long seen) {
        double clip = p.clipZ() * scale;
        boolean early = seen < 10;
        double e = early ? error : Math.max(-clip, Math.min(clip, error));
        int phase = phase(index);
        level = level + p.phi() * trend + p.alpha() * e;
        trend = p.phi() * trend + p.beta() * e;
        if (period > 0) {
            season[phase] += p.gamma() * e;
        }
        double a = Math.max(0.01, 1.0 / seen);
        absError += a * ((early ? Math.abs(error) : Math.min(Math.abs(error), clip)) - absError);
        sqError += a * (e * e - sqError);
    }

    private void remember(double x) {
        if (learning != null && count < learning.length) {
            learning[(int) count] = (float) x;
        }
    }

    /** The season from the learning window; then the model is re-run over it so level, trend and errors match. */
    private void fitSeason() {
        double[] x = new double[learning.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = learning[i];
        }
        int n = x.length;
        learning = null;
        period = PeriodDetector.detect(x, n, p.minPeriod(), p.maxPeriod(), p.minCorrelation());
        if (period == 0) {
            return;
        }
        int cycles = n / period;
        int start = n - cycles * period;
        season = new double[period];
        double firstMean = 0;
        double lastMean = 0;
        for (int c = 0; c < cycles; c++) {
            double mean = 0;
            for (int j = 0; j < period; j++) {
                mean += x[start + c * period + j];
            }
            mean /= period;
            firstMean = c == 0 ? mean : firstMean;
            lastMean = mean;
            for (int j = 0; j < period; j++) {
                int i = start + c * period + j;
                season[i % period] += (x[i] - mean) / cycles;
            }
        }
        double slope = cycles > 1 ? (lastMean - firstMean) / ((cycles - 1.0) * period) : 0.0;
        level = firstMean - slope * (period - 1) / 2.0;
        trend = slope;
        absError = 0;
        sqError = 0;
        for (int i = start; i < n; i++) {
            double error = x[i] - (level + p.phi() * trend + seasonal(i));
            learn(error, errorScale(), i, i - start + 1);
        }
    }

    /** Typical absolute one-step error, floored relative to the level so flat series do not divide by zero. */
    public double errorScale() {
        double floor = Math.max(1e-9, 1e-4 * Math.abs(level));
        return Math.max(absError * 1.2533, floor);
    }

    private double seasonal(long index) {
        return period == 0 ? 0.0 : season[phase(index)];
    }

    private int phase(long index) {
        return period == 0 ? 0 : (int) (index % period);
    }

    /** The seasonal component the next sample is expected to carry (0 without a season). */
    public double nextSeasonal() {
        return seasonal(count);
    }

    /** The season length found, in samples; 0 while learning or when the series has none. */
    public int period() {
        return period;
    }

    public long count() {
        return count;
    }

    /** The error of the latest sample against its forecast. */
    public double lastError() {
        return lastError;
    }

    /** Forecasts {@code horizon} steps with prediction intervals widening as Holt-Winters' errors accumulate. */
    public List<Forecast> forecast(int horizon) {
        ForecastPath path = path(horizon, p.phi());
        List<Forecast> out = new ArrayList<>(horizon);
        for (int k = 1; k <= horizon; k++) {
            double mean = path.mean(k);
            double half = p.intervalZ() * path.sd(k);
            out.add(new Forecast(k, mean, mean - half, mean + half));
        }
        return out;
    }

    /**
     * Means and standard deviations of the next {@code horizon} samples, the trend damped by
     * {@code phi} a step: callers that know the sampling interval derive it from a damping in time,
     * so that a trend fades over the same hours whether samples are 5 s or 5 min apart. The variance
     * is Holt-Winters' accumulated one-step error plus, for a fitted history, the trend's own
     * uncertainty growing with the damped lead.
     */
    ForecastPath path(int horizon, double phi) {
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be >= 1, got " + horizon);
        }
        if (count == 0) {
            throw new IllegalStateException("no data yet: give the forecaster samples before asking for a forecast");
        }
        double[] mean = new double[horizon];
        double[] sd = new double[horizon];
        double sigma2 = Math.max(sqError, errorScale() * errorScale() / 1.5708);
        double trendVar = Double.isNaN(trendSe) ? 0.0 : trendSe * trendSe;
        double damp = 0;
        double phiPow = 1;
        double varianceSum = 0;
        for (int k = 1; k <= horizon; k++) {
            phiPow *= phi;
            damp += phiPow;
            mean[k - 1] = level + damp * trend + seasonal(count + k - 1);
            if (k == 1 && nextStep != null) {
                mean[0] = nextStep.level + phi * nextStep.trend + nextStep.seasonal(count);
            }
            sd[k - 1] = Math.sqrt(sigma2 * (1 + varianceSum) + damp * damp * trendVar);
            double c = p.alpha() + p.beta() * damp + (period > 0 && k % period == 0 ? p.gamma() : 0.0);
            varianceSum += c * c;
        }
        return new ForecastPath(mean, sd);
    }

    /** The next samples' means and standard deviations, index 1 the next sample. */
    record ForecastPath(double[] means, double[] sds) {
        double mean(int steps) {
            return means[steps - 1];
        }

        double sd(int steps) {
            return sds[steps - 1];
        }

        int horizon() {
            return means.length;
        }
    }

    /**
     * Fits the model to a whole history at once, for forecasting on request rather than streaming:
     * the season from the history's autocorrelation (only one seen at least three times), the trend
     * by least squares on the deseasonalised values, since over a short history that is far less
     * noisy than one learned sample by sample. Its standard error allows for autocorrelated residuals
     * (lag-1, as an AR(1) would inflate it), and a trend within 1.96 standard errors of zero is not
     * extrapolated, only carried in the intervals: noise must not read as a disk filling up. The
     * model is then replayed over the history so level and error scale are the recursive ones.
     *
     * @param x the history, oldest first, all finite, at least {@code 2 * p.minPeriod()} values
     * @param p the tuning; {@code p.beta()} should be 0 so the replay keeps the fitted trend
     */
    static SeasonalForecaster fit(double[] x, SeasonalParameters p) {
        SeasonalForecaster f = decompose(x, p, -1);
        f.replay(x, 1);
        return f;
    }

    /**
     * {@link #fit}, with the level and season smoothing ({@code alpha}, {@code gamma}) chosen from
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
    static SeasonalForecaster fit(double[] x, SeasonalParameters p, double[] alphas, double[] gammas, int[] leads) {
        SeasonalForecaster base = decompose(x, p, -1);
        // one coordinate at a time, alpha at the configured gamma and then gamma at the best alpha:
        // a third of the replays of the full grid, for a forecast that stays cheap
        SeasonalForecaster best = null;
        SeasonalForecaster next = null;
        double bestLoss = Double.POSITIVE_INFINITY;
        for (double alpha : alphas) {
            if (alpha + p.gamma() < 1) {
                SeasonalForecaster candidate = base.withSmoothing(alpha, p.gamma());
                double loss = candidate.replay(x, leads);
                next = next == null || candidate.oneStepMse < next.oneStepMse ? candidate : next;
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
        for (double gamma : base.period > 0 ? gammas : new double[0]) {
            if (gamma != p.gamma() && alpha + gamma < 1) {
                SeasonalForecaster candidate = base.withSmoothing(alpha, gamma);
                double loss = candidate.replay(x, leads);
                next = candidate.oneStepMse < next.oneStepMse ? candidate : next;
                if (loss < bestLoss) {
                    best = candidate;
                    bestLoss = loss;
                }
            }
        }
        // the next sample from the smoothing that forecast the next sample best, the rest from the one
        // that forecast all the leads best: one-step least squares serves exactly one step
        best.nextStep = next != best && leads[0] == 1 ? next : null;
        return best;
    }

    /** A copy of this decomposition, before any replay, smoothing its level by {@code alpha} and its season by {@code gamma}. */
    private SeasonalForecaster withSmoothing(double alpha, double gamma) {
        SeasonalForecaster c = new SeasonalForecaster(new SeasonalParameters(
                alpha,
                p.beta(),
                gamma,
                p.phi(),
                p.learnWindow(),
                p.minPeriod(),
                p.maxPeriod(),
                p.minCorrelation(),
                p.clipZ(),
                p.intervalZ()));
        c.learning = null;
        c.period = period;
        c.season = season.clone();
        c.trend = trend;
        c.trendSe = trendSe;
        c.level = level;
        return c;
    }

    /**
     * Runs the recursions over the history the decomposition came from; returns the mean over
     * {@code leads} of the logarithm of the mean squared error of the forecasts made from each
     * state that far ahead.
     */
    private double replay(double[] x, int... leads) {
        int n = x.length;
        double[] damp = new double[leads.length];
        for (int j = 0; j < leads.length; j++) {
            for (int k = 1; k <= leads[j]; k++) {
                damp[j] += Math.pow(p.phi(), k);
            }
        }
        double[] sse = new double[leads.length];
        absError = 0;
        sqError = 0;
        for (int i = 0; i < n; i++) {
            double error = x[i] - (level + p.phi() * trend + seasonal(i));
            learn(error, errorScale(), i, i + 1);
            lastError = error;
            for (int j = 0; j < leads.length; j++) {
                if (i + leads[j] < n) {
                    double e = x[i + leads[j]] - (level + damp[j] * trend + seasonal(i + leads[j]));
                    sse[j] += e * e;
                }
            }
        }
        count = n;
        oneStepMse = leads[0] == 1 ? sse[0] : Double.NaN;
        double loss = 0;
        for (int j = 0; j < leads.length; j++) {
            loss += n > leads[j] ? Math.log(sse[j] / (n - leads[j]) + Double.MIN_NORMAL) / leads.length : 0.0;
        }
        return loss;
    }

    /**
     * How wide this fitted model's intervals should be, in its own standard deviations, learnt from
     * forecasts of values it was not fitted to: the model with this one's smoothing and season
     * length is decomposed from the older half of {@code x} only and replayed over all of it, and
     * every forecast it makes from the newer half at each of the {@code leads} is scored by its
     * absolute error over the standard deviation its recursions gave it ({@link IntervalCalibration}).
     * The trend's own standard error is left out of that denominator: the half fit's trend, from
     * half the values, is the less certain one and its errors are in the scores already, while the
     * intervals add this model's trend uncertainty on top as {@link #path} states it (with the half
     * fit's trend term in the scores, the 80% intervals of sco-bench's hourly series held only 72%
     * two days ahead). Half to fit and half to judge: the usual split (a third or two thirds moved
     * sco-bench's coverage by at most 3 points), leaving the judged forecasts as many origins as the
     * fit has values. The season is kept only when the older half holds two whole cycles of it;
     * without it the scores are larger, so the intervals err on the wide side.
     *
     * @param x the history this model was fitted to, oldest first
     * @param leads steps ahead to measure at, ascending, each below half of {@code x.length}
     */
    IntervalCalibration calibration(double[] x, int[] leads) {
        int n = x.length;
        int half = n / 2;
        if (half < Math.max(3, 2 * p.minPeriod())) {
            return IntervalCalibration.normal();
        }
        int knownPeriod = period > 0 && half >= 2 * period ? period : 0;
        return decompose(Arrays.copyOf(x, half), p, knownPeriod).backtest(x, half, leads);
    }

    /** Replays a decomposition of {@code x[0, from)} over all of {@code x}, scoring its forecasts of {@code x[from, n)}. */
    private IntervalCalibration backtest(double[] x, int from, int[] leads) {
        int n = x.length;
        int longest = leads[leads.length - 1];
        double[] damp = new double[leads.length];
        double[] growth = new double[leads.length];
        double phiPow = 1;
        double dampSum = 0;
        double varianceSum = 0;
        for (int k = 1, j = 0; k <= longest; k++) {
            phiPow *= p.phi();
            dampSum += phiPow;
            if (k == leads[j]) {
                damp[j] = dampSum;
                growth[j] = 1 + varianceSum;
                j++;
            }
            double c = p.alpha() + p.beta() * dampSum + (period > 0 && k % period == 0 ? p.gamma() : 0.0);
            varianceSum += c * c;
        }
        double[][] scores = new double[leads.length][];
        int[] filled = new int[leads.length];
        for (int j = 0; j < leads.length; j++) {
            scores[j] = new double[Math.max(0, n - from - leads[j] + 1)];
        }
        absError = 0;
        sqError = 0;
        for (int i = 0; i < n; i++) {
            double error = x[i] - (level + p.phi() * trend + seasonal(i));
            learn(error, errorScale(), i, i + 1);
            if (i + 1 < from) {
                continue;
            }
            double sigma2 = Math.max(sqError, errorScale() * errorScale() / 1.5708);
            for (int j = 0; j < leads.length && i + leads[j] < n; j++) {
                double e = x[i + leads[j]] - (level + damp[j] * trend + seasonal(i + leads[j]));
                scores[j][filled[j]++] = Math.abs(e) / Math.sqrt(sigma2 * growth[j]);
            }
        }
        return IntervalCalibration.of(leads, scores);
    }

    /**
     * The season, the trend and its test, and the level one step before the first value: everything of {@link #fit} but the replay.
     *
     * @param knownPeriod the season length to use, 0 for none, or -1 to find it in {@code x}
     */
    private static SeasonalForecaster decompose(double[] x, SeasonalParameters p, int knownPeriod) {
        int n = x.length;
        if (n < Math.max(3, 2 * p.minPeriod())) {
            throw new IllegalArgumentException(
                    "fitting needs at least " + Math.max(3, 2 * p.minPeriod()) + " values, got " + n);
        }
        SeasonalForecaster f = new SeasonalForecaster(p);
        f.learning = null;
        int maxPeriod = Math.min(p.maxPeriod(), n / 3);
        if (knownPeriod >= 0) {
            f.period = knownPeriod;
        } else {
            f.period = maxPeriod >= p.minPeriod()
                    ? PeriodDetector.detect(x, n, p.minPeriod(), maxPeriod, p.minCorrelation())
                    : 0;
        }
        if (f.period > 0) {
            f.season = new double[f.period];
            int[] seen = new int[f.period];
            // phase means of the linearly detrended values: a trend must not leak into the season
            double[] d = detrended(x);
            for (int i = 0; i < n; i++) {
                f.season[i % f.period] += d[i];
                seen[i % f.period]++;
            }
            double centre = 0;
            for (int j = 0; j < f.period; j++) {
                f.season[j] /= seen[j];
                centre += f.season[j] / f.period;
            }
            for (int j = 0; j < f.period; j++) {
                f.season[j] -= centre;
            }
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = x[i] - f.seasonal(i);
        }
        LineFit line = LineFit.of(y);
        double slope = line.slope();
        double sxx = line.sxx();
        double rss = 0;
        double lagged = 0;
        double previous = 0;
        for (int i = 0; i < n; i++) {
            double r = line.residual(y, i);
            rss += r * r;
            lagged += i > 0 ? r * previous : 0;
            previous = r;
        }
        // lag-1 autocorrelation of the residuals, corrected for its small-sample bias towards zero
        // (Kendall: about (1 + 3 rho) / n), since over a short history a wandering series would
        // otherwise pass for a trend
        double raw = rss > 0 ? lagged / rss : 0.0;
        double rho = Math.max(0.0, Math.min(0.99, raw + (1 + 3 * Math.max(0.0, raw)) / n));
        double se = Math.sqrt(rss / Math.max(1, n - 2) / sxx * (1 + rho) / (1 - rho));
        if (rho > 0.5) {
            // residuals this persistent are a series that wanders: its slope must also stand out
            // against the slope a driftless random walk with these steps would give the line
            double meanStep = (y[n - 1] - y[0]) / (n - 1);
            double stepVar = 0;
            for (int i = 1; i < n; i++) {
                double dev = y[i] - y[i - 1] - meanStep;
                stepVar += dev * dev;
            }
            se = Math.max(se, Math.sqrt(stepVar / Math.max(1, n - 2) * randomWalkSlopeVariance(n, sxx)));
        }
        f.trendSe = se;
        f.trend = Math.abs(slope) > 1.96 * se ? slope : 0.0;
        // starting one step before the first value, so the replay's first forecast is the fitted line's
        f.level = line.mean() - slope * line.meanIndex() - f.trend;
        return f;
    }

    /**
     * The variance of the least-squares slope through {@code n} points of a driftless random walk
     * with unit steps. The slope is {@code sum c_t y_t} with {@code c_t = (t - mean t) / sxx}, and
     * step {@code s} enters every {@code y_t} from {@code t = s} on, so its weight is the tail sum
     * {@code w_s = sum_{t >= s} c_t} and the variance {@code sum w_s^2}: about {@code 6 / (5 n)}
     * (Durlauf and Phillips 1988), a fifth more than the {@code 1 / (n - 1)} of the mean step, which
     * is what a test against the mean step under-allowed for.
     */
    static double randomWalkSlopeVariance(int n, double sxx) {
        double meanIndex = (n - 1) / 2.0;
        double tail = 0;
        double sum = 0;
        for (int t = n - 1; t >= 1; t--) {
            tail += (t - meanIndex) / sxx;
            sum += tail * tail;
        }
        return sum;
    }

    private static double[] detrended(double[] x) {
        LineFit line = LineFit.of(x);
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = line.residual(x, i);
        }
        return d;
    }

    /** Least squares of {@code y[i]} on {@code i}: one fit for the trend test and for detrending. */
    private record LineFit(double meanIndex, double mean, double sxx, double slope) {
        static LineFit of(double[] y) {
            int n = y.length;
            double meanIndex = (n - 1) / 2.0;
            double mean = 0;
            for (double v : y) {
                mean += v;
            }
            mean /= n;
            double sxx = 0;
            double sxy = 0;
            for (int i = 0; i < n; i++) {
                sxx += (i - meanIndex) * (i - meanIndex);
                sxy += (i - meanIndex) * (y[i] - mean);
            }
            return new LineFit(meanIndex, mean, sxx, sxx > 0 ? sxy / sxx : 0);
        }

        double residual(double[] y, int i) {
            return y[i] - mean - slope * (i - meanIndex);
        }
    }

    /** The level smoothing in use. */
    double alpha() {
        return p.alpha();
    }

    /** The season smoothing in use. */
    double gamma() {
        return p.gamma();
    }

    /** The trend the forecasts carry, per sample (0 when a fitted history's trend was not significant). */
    double trend() {
        return trend;
    }

    /** The trend's standard error, per sample, for a fitted history; NaN when learned sample by sample. */
    double trendStandardError() {
        return trendSe;
    }

    public void writeTo(DataOutput out) throws IOException {
        p.writeTo(out);
        out.writeLong(count);
        out.writeDouble(level);
        out.writeDouble(trend);
        out.writeDouble(absError);
        out.writeDouble(sqError);
        out.writeDouble(lastError);
        out.writeInt(period);
        for (double s : season) {
            out.writeDouble(s);
        }
        boolean learningNow = learning != null;
        out.writeBoolean(learningNow);
        if (learningNow) {
            int kept = (int) Math.min(count, learning.length);
            for (int i = 0; i < kept; i++) {
                out.writeFloat(learning[i]);
            }
        }
    }

    public static SeasonalForecaster readFrom(DataInput in) throws IOException {
        SeasonalForecaster f = new SeasonalForecaster(SeasonalParameters.readFrom(in));
        f.count = in.readLong();
        f.level = in.readDouble();
        f.trend = in.readDouble();
        f.absError = in.readDouble();
        f.sqError = in.readDouble();
        f.lastError = in.readDouble();
        f.period = in.readInt();
        if (f.period < 0 || f.period > f.p.maxPeriod()) {
            throw new IOException("season length " + f.period + " out of range");
        }
        f.season = new double[f.period];
        for (int i = 0; i < f.period; i++) {
            f.season[i] = in.readDouble();
        }
        if (in.readBoolean()) {
            int kept = (int) Math.min(f.count, f.learning.length);
            for (int i = 0; i < kept; i++) {
                f.learning[i] = in.readFloat();
            }
        } else {
            f.learning = null;
        }
        return f;
    }
}
