package io.smartcloudops.detect.seasonal;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.spi.ProviderConfig;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Set;

/**
 * Tuning of the seasonal forecaster.
 *
 * @param alpha level smoothing, in (0, 1)
 * @param beta trend smoothing, in [0, 1)
 * @param gamma season smoothing, in [0, 1)
 * @param phi trend damping, in (0, 1]
 * @param learnWindow samples gathered before the season is detected (and the detector scores)
 * @param minPeriod shortest season considered, in samples
 * @param maxPeriod longest season considered, in samples (bounds memory)
 * @param minCorrelation autocorrelation a season needs to be believed
 * @param clipZ how far (in error scales) one sample may pull the model
 * @param intervalZ half-width of prediction intervals in standard errors (1.96: 95 %)
 */
public record SeasonalParameters(
        double alpha,
        double beta,
        double gamma,
        double phi,
        int learnWindow,
        int minPeriod,
        int maxPeriod,
        double minCorrelation,
        double clipZ,
        double intervalZ) {
    static final Set<String> KEYS = Set.of(
            "alpha",
            "beta",
            "gamma",
            "phi",
            "learn_window",
            "min_period",
            "max_period",
            "min_correlation",
            "clip_z",
            "interval_z");

    public SeasonalParameters {
        if (!(alpha > 0 && alpha < 1)
                || !(beta >= 0 && beta < 1)
                || !(gamma >= 0 && gamma < 1)
                || !(phi > 0 && phi <= 1)) {
            throw new ConfigException("seasonal: alpha in (0,1), beta and gamma in [0,1), phi in (0,1] required");
        }
        if (minPeriod < 2 || maxPeriod < minPeriod || maxPeriod > 4096) {
            throw new ConfigException(
                    "seasonal: need 2 <= min_period <= max_period <= 4096, got " + minPeriod + ".." + maxPeriod);
        }
        if (learnWindow < 2 * minPeriod || learnWindow > 16_384) {
            throw new ConfigException("seasonal: learn_window must be in [2 * min_period, 16384], got " + learnWindow);
        }
        if (!(clipZ > 0) || !(intervalZ > 0) || !(minCorrelation > 0 && minCorrelation < 1)) {
            throw new ConfigException("seasonal: clip_z and interval_z > 0, min_correlation in (0,1) required");
        }
    }

    public static SeasonalParameters defaults() {
        return new SeasonalParameters(0.1, 0.01, 0.1, 0.995, 640, 4, 320, 0.3, 5.0, 1.96);
    }

    /** Reads a {@code seasonal} configuration section, defaults for absent keys. */
    public static SeasonalParameters from(ProviderConfig c) {
        c.requireOnly(KEYS);
        SeasonalParameters d = defaults();
        return new SeasonalParameters(
                c.number("alpha", d.alpha),
                c.number("beta", d.beta),
                c.number("gamma", d.gamma),
                c.number("phi", d.phi),
                c.integer("learn_window", d.learnWindow),
                c.integer("min_period", d.minPeriod),
                c.integer("max_period", d.maxPeriod),
                c.number("min_correlation", d.minCorrelation),
                c.number("clip_z", d.clipZ),
                c.number("interval_z", d.intervalZ));
    }

    void writeTo(DataOutput out) throws IOException {
        for (double v : new double[] {alpha, beta, gamma, phi}) {
            out.writeDouble(v);
        }
        out.writeInt(learnWindow);
        out.writeInt(minPeriod);
        out.writeInt(maxPeriod);
        out.writeDouble(minCorrelation);
        out.writeDouble(clipZ);
        out.writeDouble(intervalZ);
    }

    static SeasonalParameters readFrom(DataInput in) throws IOException {
        return new SeasonalParameters(
                in.readDouble(),
                in.readDouble(),
                in.readDouble(),
                in.readDouble(),
                in.readInt(),
                in.readInt(),
                in.readInt(),
                in.readDouble(),
                in.readDouble(),
                in.readDouble());
    }
}
