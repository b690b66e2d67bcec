package io.smartcloudops.api.detect;

import io.smartcloudops.api.metric.Sample;

/**
 * The streaming state of one detector on one series. Causal: the score of a sample depends only
 * on the samples given before it. Not thread-safe: the pipeline gives each series to one thread at
 * a time.
 *
 * <pre>{@code
 * Detector d = factory.create(series, DetectorSettings.defaults());
 * for (Sample s : samples) {
 *     Score score = d.update(s);
 * }
 * DetectorState saved = d.snapshot(); // later: factory.restore(saved)
 * }</pre>
 */
public interface Detector {

    /** Learns from the sample and scores it. The sample's value is finite (the pipeline drops NaN). */
    Score update(Sample sample);

    /** The whole state, such that {@link DetectorFactory#restore} continues with identical scores. */
    DetectorState snapshot();
}
