package io.smartcloudops.detect.forest;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.spi.ProviderConfig;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Set;

/**
 * Tuning of the streaming isolation forest.
 *
 * @param shingle consecutive samples that form one point
 * @param window shingles in the sliding reservoir the trees are grown from
 * @param trees trees in the forest
 * @param sampleSize shingles each tree is grown from (its depth limit is log2 of it)
 * @param rebuildEvery samples between regrowing the forest from the reservoir
 * @param horizon shingles after which the reservoir starts to forget the oldest, exponentially
 */
public record ForestParameters(int shingle, int window, int trees, int sampleSize, int rebuildEvery, double horizon) {
    static final Set<String> KEYS = Set.of("shingle", "window", "trees", "sample_size", "rebuild_every", "horizon");

    public ForestParameters {
        if (shingle < 1 || shingle > 64 || trees < 1 || trees > 256 || sampleSize < 4 || sampleSize > 1024) {
            throw new ConfigException(
                    "iforest: shingle in [1, 64], trees in [1, 256], sample_size in [4, 1024] required");
        }
        if (window < sampleSize || window > 8192 || rebuildEvery < 1 || !(horizon >= window)) {
            throw new ConfigException(
                    "iforest: window in [sample_size, 8192], rebuild_every >= 1, horizon >= window required");
        }
    }

    /**
     * The stand-alone {@code iforest}'s defaults (the ensemble's member has its own): shingles of eight
     * samples, a reservoir of 256, six trees of 64 regrown every 64 samples. Chosen among four shapes
     * that keep the state under 16 KiB ({8 x 256, 4 x 512} shingle x window, {10 trees of 32, 6 of 64});
     * NAB standard, in-sample / cross-validated (only the threshold chosen per fold), measured with the
     * split-dimension cut-off before the detector's range-weighted one: 45.3 / 43.2, 44.3 / 38.3,
     * 53.1 / 49.2 (these), 50.7 / 48.2; with range-weighted cuts these score 54.35 / 51.83.
     */
    public static ForestParameters defaults() {
        return new ForestParameters(8, 256, 6, 64, 64, 5000);
    }

    /** Reads an {@code iforest} configuration section, defaults for absent keys. */
    public static ForestParameters from(ProviderConfig c) {
        return from(c, defaults());
    }

    /** Reads an {@code iforest} configuration section, {@code d}'s values for absent keys. */
    public static ForestParameters from(ProviderConfig c, ForestParameters d) {
        c.requireOnly(KEYS);
        return new ForestParameters(
                c.integer("shingle", d.shingle),
                c.integer("window", d.window),
                c.integer("trees", d.trees),
                c.integer("sample_size", d.sampleSize),
                c.integer("rebuild_every", d.rebuildEvery),
                c.number("horizon", d.horizon));
    }

    /** Depth limit of a tree: the average depth of an unsuccessful search in a tree of {@code sampleSize}. */
    int depthLimit() {
        return 32 - Integer.numberOfLeadingZeros(sampleSize - 1);
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeInt(shingle);
        out.writeInt(window);
        out.writeInt(trees);
        out.writeInt(sampleSize);
        out.writeInt(rebuildEvery);
        out.writeDouble(horizon);
    }

    /** Reads the parameters whose first field, the shingle length, was already read (the forest's format tag sits there). */
    static ForestParameters readFrom(int shingle, DataInput in) throws IOException {
        return new ForestParameters(shingle, in.readInt(), in.readInt(), in.readInt(), in.readInt(), in.readDouble());
    }
}
