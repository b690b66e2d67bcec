package io.smartcloudops.detect.pipeline;

/**
 * What the pipeline did with a sample. The policy for bad input is to drop the sample, count it,
 * and carry on: a NaN, a repeated or an older timestamp never reaches a detector, so it can neither
 * crash one nor fake an anomaly.
 */
public enum SampleVerdict {
    /** Scored by the series' detector. */
    SCORED,
    /** NaN or infinite value (Prometheus staleness markers are NaN). */
    DROPPED_NOT_FINITE,
    /** Same timestamp as the last scored sample of its series (a duplicate delivery). */
    DROPPED_DUPLICATE,
    /** Older than the last scored sample of its series. */
    DROPPED_OUT_OF_ORDER,
    /**
     * Stamped further ahead of the pipeline's clock than it allows (a source whose clock jumped
     * forward): scoring it would make every honest sample after it look out of order. Prometheus'
     * TSDB refuses such samples too.
     */
    DROPPED_FUTURE,
    /** A new series beyond the pipeline's series limit. */
    DROPPED_SERIES_LIMIT
}
