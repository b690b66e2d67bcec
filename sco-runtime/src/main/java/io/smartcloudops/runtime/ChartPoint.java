package io.smartcloudops.runtime;

/**
 * One charted point of a series: the value and the band the detector expected it in (NaN while
 * the detector had none yet).
 */
public record ChartPoint(long timestampMillis, double value, double expected, double lower, double upper) {}
