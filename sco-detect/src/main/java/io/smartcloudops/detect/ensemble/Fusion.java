package io.smartcloudops.detect.ensemble;

import io.smartcloudops.api.ConfigException;
import java.util.Arrays;
import java.util.Locale;

/** How the ensemble combines its members' surprisals. */
enum Fusion {
    /** The most surprised member speaks: robust when members see different kinds of anomaly. */
    MAX,
    /** Surprisals add up (log-probabilities of independent evidence multiply). */
    SUM;

    static Fusion parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("default: fusion '" + text + "' is not one of " + Arrays.toString(values()));
        }
    }
}
