package io.smartcloudops.detect.likelihood;

import io.smartcloudops.detect.share.SharedParameters;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Turns a raw deviation measure into a calibrated surprise with extreme-value theory (peaks over
 * threshold, as in Siffer et al., "Anomaly detection in streams with extreme value theory", KDD 2017):
 * a streaming high quantile of the series' own raw scores is the threshold, the excesses above it are
 * fitted with a generalised Pareto distribution by the method of moments, and a new score's tail
 * probability follows. The result is the surprisal {@code -log10 P(raw' >= raw)}, so a noisy series
 * and a quiet one speak the same language; 0 while warming up. Scoring uses only the past; learning
 * follows. Memory is a handful of numbers.
 *
 * <pre>{@code
 * AnomalyLikelihood l = new AnomalyLikelihood(0.98, 2000, 100);
 * double surprise = l.surprisal(Math.abs(residual) / scale); // 3.0 means a one-in-a-thousand event
 * }</pre>
 */
public final class AnomalyLikelihood {
    /** Surprisal is capped here; beyond it probabilities carry no information. */
    public static final double MAX_SURPRISAL = 100.0;
    /**
     * The fitted tail may be at most this heavy: moment estimates of the shape are inflated by the very
     * outliers we want to flag, and a light (exponential, shape 0) tail is the conservative choice for
     * forecast residuals. Bounded tails (negative shapes) are read as exponential for the same reason.
     */
    private static final double MAX_SHAPE = 0.2;

    private static final double FLOOR = 1e-9;
    /** The first samples only seed the threshold (their second largest). */
    private static final int START = 16;

    /** Shared by every calibrator of one configuration; what follows is this one's own. */
    private final LikelihoodParameters params;

    private long count;
    private double threshold;
    /**
     * The first raw values, whose second largest starts the threshold; null once it has (five of these
     * in the default detector were 720 bytes of every series' heap, read by no one).
     */
    private double[] start = new double[START];

    private long peaks;
    private double excessMean;
    private double excessSquare;

    /**
     * @param quantile the share of raw scores below the peaks threshold, in (0.5, 1)
     * @param memory samples the distribution remembers (an exponential window)
     * @param warmup samples before any surprise is reported
     */
    public AnomalyLikelihood(double quantile, double memory, int warmup) {
        this(LikelihoodParameters.of(quantile, memory, warmup));
    }

    /** A calibrator with these (possibly shared) parameters. */
    public AnomalyLikelihood(LikelihoodParameters params) {
        this.params = Objects.requireNonNull(params, "params");
    }

    public LikelihoodParameters parameters() {
        return params;
    }

    /** The surprisal of this raw score given the past, then learns from it. */
    public double surprisal(double raw) {
        double s = peek(raw);
        learn(raw);
        return s;
    }

    /** The surprisal of this raw score given the past, learning nothing: {@link #surprisal} without its {@link #learn}. */
    public double peek(double raw) {
        double r = Double.isFinite(raw) ? Math.max(0.0, raw) : 0.0;
        return count >= params.warmup() && peaks >= 5 ? tailSurprisal(r) : 0.0;
    }

    /** Learns this raw score (NaN and negatives read as 0), for a caller that decides, after {@link #peek}, what belongs to the distribution. */
    public void learn(double raw) {
        learnClean(Double.isFinite(raw) ? Math.max(0.0, raw) : 0.0);
    }

    /**
     * The raw score whose surprisal is {@code surprisal} under the current fit (the inverse of {@link #peek}),
     * or infinity while nothing is reported yet or when the fit cannot reach it.
     */
    public double rawAt(double surprisal) {
        double base = params.base();
        if (!(count >= params.warmup() && peaks >= 5) || !(surprisal > base)) {
            return Double.POSITIVE_INFINITY;
        }
        double m = excessMean;
        double v = Math.max(excessSquare - m * m, 1e-12 * (1 + m * m));
        double xi = Math.max(0.0, Math.min(MAX_SHAPE, 0.5 * (1 - m * m / v)));
        double sigma = Math.max(1e-12, 0.5 * m * (1 + m * m / v));
        double log10Tail = base - surprisal;
        double y = Math.abs(xi) < 1e-6 ? -log10Tail * Math.log(10) : (Math.pow(10, -xi * log10Tail) - 1) / xi;
        return threshold + sigma * y;
    }

    private double tailSurprisal(double r) {
        double base = params.base();
        if (r <= threshold) {
            return threshold > 0 ? base * r / threshold : 0.0;
        }
        double m = excessMean;
        double v = Math.max(excessSquare - m * m, 1e-12 * (1 + m * m));
        // generalised Pareto by moments: xi = (1 - m^2 / v) / 2, sigma = m (1 + m^2 / v) / 2
        double xi = Math.max(0.0, Math.min(MAX_SHAPE, 0.5 * (1 - m * m / v)));
        double sigma = Math.max(1e-12, 0.5 * m * (1 + m * m / v));
        double y = (r - threshold) / sigma;
        double log10Tail;
        if (Math.abs(xi) < 1e-6) {
            log10Tail = -y / Math.log(10);
        } else {
            double inner = 1 + xi * y;
            if (inner <= 0) {
                return MAX_SURPRISAL;
            }
            log10Tail = -Math.log10(inner) / xi;
        }
        return Math.min(MAX_SURPRISAL, base - log10Tail);
    }

    private void learnClean(double r) {
        int warmup = params.warmup();
        count++;
        if (r > threshold && count > warmup / 2) {
            // the threshold settles during the first half of the warm-up; excesses count from then on,
            // and one giant outlier must not define the tail: each counts up to ten times the usual
            double e = r - threshold;
            peaks++;
            double bounded = Math.min(e, 10 * (threshold + excessMean));
            double a = Math.max(1.0 / (params.memory() * (1 - params.quantile())), 1.0 / peaks);
            excessMean += a * (bounded - excessMean);
            excessSquare += a * (bounded * bounded - excessSquare);
        }
        // stochastic quantile tracking on log(r): at equilibrium P(r > threshold) = 1 - quantile; steps
        // are relative, so the tracker is scale-free and one huge value moves it by one step only
        if (count <= START) {
            start = start == null ? new double[START] : start;
            start[(int) count - 1] = r;
            if (count == START) {
                Arrays.sort(start);
                threshold = Math.max(start[START - 2], FLOOR);
                start = null;
            }
            return;
        }
        // the two factors are computed once: per sample, exp cost more than the rest of the calibration
        threshold = Math.max(FLOOR, threshold * (r > threshold ? params.stepUp() : params.stepDown()));
    }

    /** Forgets everything learned, for when the raw measure changes meaning (a model was refitted). */
    public void reset() {
        count = 0;
        threshold = 0;
        peaks = 0;
        excessMean = 0;
        excessSquare = 0;
    }

    public long count() {
        return count;
    }

    public void writeTo(DataOutput out) throws IOException {
        out.writeDouble(params.quantile());
        out.writeDouble(params.memory());
        out.writeInt(params.warmup());
        out.writeLong(count);
        out.writeDouble(threshold);
        // the layout keeps its START values, 0 once they are no longer kept
        for (int i = 0; i < START; i++) {
            out.writeDouble(start == null ? 0.0 : start[i]);
        }
        out.writeLong(peaks);
        out.writeDouble(excessMean);
        out.writeDouble(excessSquare);
    }

    public static AnomalyLikelihood readFrom(DataInput in) throws IOException {
        return readFrom(in, new SharedParameters());
    }

    /** Reads as {@link #readFrom(DataInput)} does, with the parameters {@code shared} holds. */
    public static AnomalyLikelihood readFrom(DataInput in, SharedParameters shared) throws IOException {
        AnomalyLikelihood l = new AnomalyLikelihood(
                shared.canonical(LikelihoodParameters.of(in.readDouble(), in.readDouble(), in.readInt())));
        l.count = in.readLong();
        l.threshold = in.readDouble();
        for (int i = 0; i < START; i++) {
            l.start[i] = in.readDouble();
        }
        // past the first values they are read by no one (older states hold them, newer ones zeros)
        l.start = l.count < START ? l.start : null;
        l.peaks = in.readLong();
        l.excessMean = in.readDouble();
        l.excessSquare = in.readDouble();
        return l;
    }
}
