package io.smartcloudops.detect.baseline;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.spi.ProviderConfig;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Set;

/**
 * Tuning of the EWMA detector.
 *
 * @param alpha weight of the newest sample, in (0, 1)
 * @param warmup samples before the detector scores
 * @param bandZ z-score at which the score is 0.5; also the half-width of the expected band
 * @param steepness how fast the score rises past the band
 * @param clipZ how far (in standard deviations) one sample may pull the mean
 */
record EwmaParameters(double alpha, int warmup, double bandZ, double steepness, double clipZ) {
    static final Set<String> KEYS = Set.of("alpha", "warmup", "band_z", "steepness", "clip_z");

    EwmaParameters {
        if (!(alpha > 0 && alpha < 1)) {
            throw new ConfigException("ewma alpha must be in (0, 1), got " + alpha);
        }
        if (warmup < 1) {
            throw new ConfigException("ewma warmup must be >= 1, got " + warmup);
        }
        if (!(bandZ > 0) || !(steepness > 0) || !(clipZ > 0)) {
            throw new ConfigException("ewma band_z, steepness and clip_z must be > 0");
        }
    }

    static EwmaParameters defaults() {
        return new EwmaParameters(0.05, 20, 4.0, 1.5, 4.0);
    }

    static EwmaParameters from(ProviderConfig config) {
        config.requireOnly(KEYS);
        EwmaParameters d = defaults();
        return new EwmaParameters(
                config.number("alpha", d.alpha),
                config.integer("warmup", d.warmup),
                config.number("band_z", d.bandZ),
                config.number("steepness", d.steepness),
                config.number("clip_z", d.clipZ));
    }

    void writeTo(DataOutputStream out) throws IOException {
        out.writeDouble(alpha);
        out.writeInt(warmup);
        out.writeDouble(bandZ);
        out.writeDouble(steepness);
        out.writeDouble(clipZ);
    }

    static EwmaParameters readFrom(DataInputStream in) throws IOException {
        return new EwmaParameters(in.readDouble(), in.readInt(), in.readDouble(), in.readDouble(), in.readDouble());
    }
}
