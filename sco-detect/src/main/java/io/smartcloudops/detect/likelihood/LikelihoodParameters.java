package io.smartcloudops.detect.likelihood;

/**
 * The fixed settings of an {@link AnomalyLikelihood}, with the factors derived from them. Every
 * calibrator of a configuration has equal ones, so one instance serves them all (a factory shares it
 * through {@link io.smartcloudops.detect.share.SharedParameters}): held in each calibrator they were
 * about 40 B apiece, five a series in the default ensemble (issue #15).
 *
 * <p>The derived factors are components so that they are computed once per configuration, not once
 * a sample; {@link #of} computes them, and the constructor refuses any that do not follow from the
 * first three.
 *
 * @param quantile the share of raw scores below the peaks threshold, in (0.5, 1)
 * @param memory samples the distribution remembers (an exponential window)
 * @param warmup samples before any surprise is reported
 * @param base {@code -log10(1 - quantile)}
 * @param stepUp the threshold tracker's factor after a score above the threshold
 * @param stepDown its factor after a score at or below it
 */
public record LikelihoodParameters(
        double quantile, double memory, int warmup, double base, double stepUp, double stepDown) {
    private static final double QUANTILE_STEP = 0.05;

    public LikelihoodParameters {
        if (!(quantile > 0.5 && quantile < 1) || !(memory >= 10) || warmup < 2) {
            throw new IllegalArgumentException("quantile in (0.5, 1), memory >= 10 and warmup >= 2 required");
        }
        if (Double.compare(base, base(quantile)) != 0
                || Double.compare(stepUp, stepUp(quantile)) != 0
                || Double.compare(stepDown, stepDown(quantile)) != 0) {
            throw new IllegalArgumentException(
                    "base, stepUp and stepDown follow from the quantile: build these with LikelihoodParameters.of");
        }
    }

    /** The parameters of these settings, with their derived factors. */
    public static LikelihoodParameters of(double quantile, double memory, int warmup) {
        return new LikelihoodParameters(quantile, memory, warmup, base(quantile), stepUp(quantile), stepDown(quantile));
    }

    private static double base(double quantile) {
        return -Math.log10(1 - quantile);
    }

    private static double stepUp(double quantile) {
        return Math.exp(QUANTILE_STEP * (1.0 - (1 - quantile)));
    }

    private static double stepDown(double quantile) {
        return Math.exp(QUANTILE_STEP * (0.0 - (1 - quantile)));
    }
}
