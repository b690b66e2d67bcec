package io.smartcloudops.api.detect;

/** Which deviations matter for a series: a CPU drop is rarely an incident, a latency rise is. */
public enum Direction {
    UP,
    DOWN,
    BOTH;

    /** True when a deviation of this sign (positive means above the expected value) counts. */
    public boolean counts(double deviation) {
        return switch (this) {
            case UP -> deviation > 0;
            case DOWN -> deviation < 0;
            case BOTH -> deviation != 0;
        };
    }
}
