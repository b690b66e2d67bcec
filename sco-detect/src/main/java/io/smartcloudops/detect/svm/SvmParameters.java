package io.smartcloudops.detect.svm;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.spi.ProviderConfig;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Set;

/**
 * Tuning of the one-class SVM.
 *
 * @param shingle consecutive samples that form one point
 * @param features random Fourier features approximating the Gaussian kernel
 * @param gamma Gaussian kernel width {@code exp(-gamma |x - y|^2)} on standardised shingles
 * @param trainWindow samples (the probationary window) the model is trained on, then frozen
 * @param nu upper bound on the share of training points treated as outliers, in (0, 1)
 */
public record SvmParameters(int shingle, int features, double gamma, int trainWindow, double nu) {
    static final Set<String> KEYS = Set.of("shingle", "features", "gamma", "train_window", "nu");

    public SvmParameters {
        if (shingle < 1 || shingle > 64 || features < 2 || features > 512 || !(gamma > 0)) {
            throw new ConfigException("ocsvm: shingle in [1, 64], features in [2, 512], gamma > 0 required");
        }
        if (trainWindow < shingle + 16 || trainWindow > 16_384 || !(nu > 0 && nu < 1)) {
            throw new ConfigException("ocsvm: train_window in [shingle + 16, 16384] and nu in (0, 1) required");
        }
    }

    public static SvmParameters defaults() {
        return new SvmParameters(8, 24, 0.125, 600, 0.05);
    }

    /** Reads an {@code ocsvm} configuration section, defaults for absent keys. */
    public static SvmParameters from(ProviderConfig c) {
        return from(c, defaults());
    }

    /** Reads an {@code ocsvm} configuration section, {@code d}'s values for absent keys. */
    public static SvmParameters from(ProviderConfig c, SvmParameters d) {
        c.requireOnly(KEYS);
        return new SvmParameters(
                c.integer("shingle", d.shingle),
                c.integer("features", d.features),
                c.number("gamma", d.gamma),
                c.integer("train_window", d.trainWindow),
                c.number("nu", d.nu));
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeInt(shingle);
        out.writeInt(features);
        out.writeDouble(gamma);
        out.writeInt(trainWindow);
        out.writeDouble(nu);
    }

    static SvmParameters readFrom(DataInput in) throws IOException {
        return new SvmParameters(in.readInt(), in.readInt(), in.readDouble(), in.readInt(), in.readDouble());
    }
}
