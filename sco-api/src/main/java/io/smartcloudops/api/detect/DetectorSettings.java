package io.smartcloudops.api.detect;

import java.util.Objects;

/**
 * Per-series options a detector is created with.
 *
 * <pre>{@code
 * DetectorSettings s = DetectorSettings.defaults().withDirection(Direction.UP);
 * }</pre>
 *
 * @param direction which deviations count
 * @param seed seed for any randomness, so that runs are reproducible
 */
public record DetectorSettings(Direction direction, long seed) {
    public DetectorSettings {
        Objects.requireNonNull(direction, "direction");
    }

    public static DetectorSettings defaults() {
        return new DetectorSettings(Direction.BOTH, 42L);
    }

    public DetectorSettings withDirection(Direction d) {
        return new DetectorSettings(d, seed);
    }

    public DetectorSettings withSeed(long s) {
        return new DetectorSettings(direction, s);
    }
}
