package io.smartcloudops.api.metric;

import java.util.Objects;

/**
 * One observation of a series. Values may be NaN or infinite (Prometheus allows both); detectors
 * document how they treat them.
 *
 * <pre>{@code
 * Sample s = new Sample(cpu, clock.millis(), 42.5);
 * }</pre>
 *
 * @param series the series observed
 * @param timestampMillis milliseconds since the epoch, as Prometheus stores them
 * @param value the observed value
 */
public record Sample(SeriesId series, long timestampMillis, double value) {
    public Sample {
        Objects.requireNonNull(series, "series");
    }
}
