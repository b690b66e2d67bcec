package io.smartcloudops.detect.seasonal;

import io.smartcloudops.detect.share.SharedParameters;
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
    /** The format {@link #writeTo(DataOutput)} writes: 2 holds the season as its 16-bit codes; format 1 is still read. */
    public static final int FORMAT = 2;

    private final SeasonalParameters p;
    private long count;
    private double level;
    private double trend;
    private int period;
    /** The season's offsets, 16-bit coded; null while learning or without a season. */
    private Season season;

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
            season.add(phase, p.gamma() * e);
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
        HistoryDecomposition d = HistoryDecomposition.ofCycles(x, period);
        season = d.season();
        level = d.level();
        trend = d.trend();
        int start = n % period;
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
        return period == 0 ? 0.0 : season.at(phase(index));
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

    public SeasonalParameters parameters() {
        return p;
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

    /** A copy of this decomposition, before any replay, smoothing its level by {@code alpha} and its season by {@code gamma}. */
    SeasonalForecaster withSmoothing(double alpha, double gamma) {
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
        c.season = season == null ? null : season.copy();
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
    double replay(double[] x, int... leads) {
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
     * The forecaster {@link HistoryDecomposition} makes of {@code x}, before any replay.
     *
     * @param knownPeriod the season length to use, 0 for none, or -1 to find it in {@code x}
     */
    static SeasonalForecaster decompose(double[] x, SeasonalParameters p, int knownPeriod) {
        HistoryDecomposition d = HistoryDecomposition.of(x, p, knownPeriod);
        SeasonalForecaster f = new SeasonalForecaster(p);
        f.learning = null;
        f.period = d.period();
        f.season = d.season();
        f.level = d.level();
        f.trend = d.trend();
        f.trendSe = d.trendSe();
        return f;
    }

    /** The mean squared in-sample one-step error of the latest replay; NaN when it did not judge lead 1. */
    double oneStepMse() {
        return oneStepMse;
    }

    /** Forecasts the next sample with {@code next}'s level, trend and season (null: with this model's own). */
    void forecastNextWith(SeasonalForecaster next) {
        nextStep = next;
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

    /** Writes {@link #FORMAT}. */
    public void writeTo(DataOutput out) throws IOException {
        writeTo(out, FORMAT);
    }

    /**
     * Writes {@code format} 2, the season as its codes (a scale, then two bytes a phase), or 1, the
     * season decoded into doubles, as the states before the codes held it and the builds before them read.
     */
    public void writeTo(DataOutput out, int format) throws IOException {
        if (format < 1 || format > FORMAT) {
            throw new IllegalArgumentException(
                    "seasonal forecaster format " + format + " is not known; this build writes 1 to " + FORMAT);
        }
        p.writeTo(out);
        out.writeLong(count);
        out.writeDouble(level);
        out.writeDouble(trend);
        out.writeDouble(absError);
        out.writeDouble(sqError);
        out.writeDouble(lastError);
        out.writeInt(period);
        if (period > 0 && format == 1) {
            for (int j = 0; j < period; j++) {
                out.writeDouble(season.at(j));
            }
        } else if (period > 0) {
            season.writeTo(out);
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

    /**
     * Reads {@code format} 1 or 2 (see {@link #writeTo(DataOutput, int)}); a format 1 season is
     * coded as it is read.
     */
    public static SeasonalForecaster readFrom(DataInput in, int format) throws IOException {
        return readFrom(in, format, new SharedParameters());
    }

    /** Reads as {@link #readFrom(DataInput, int)} does, with the parameters {@code shared} holds. */
    public static SeasonalForecaster readFrom(DataInput in, int format, SharedParameters shared) throws IOException {
        if (format < 1 || format > FORMAT) {
            throw new IOException(
                    "seasonal forecaster format " + format + " is not known; this build reads 1 to " + FORMAT);
        }
        SeasonalForecaster f = new SeasonalForecaster(shared.canonical(SeasonalParameters.readFrom(in)));
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
        if (f.period > 0 && format == 1) {
            double[] offsets = new double[f.period];
            for (int i = 0; i < f.period; i++) {
                offsets[i] = in.readDouble();
            }
            f.season = Season.of(offsets);
        } else if (f.period > 0) {
            f.season = Season.readFrom(in, f.period);
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
