package io.smartcloudops.detect.pipeline;

import io.smartcloudops.api.detect.AnomalyEvent;
import io.smartcloudops.api.detect.Score;
import io.smartcloudops.api.metric.Sample;
import java.util.Optional;

/**
 * The pipeline's answer for one sample.
 *
 * @param sample the sample; once the pipeline holds its series, with the pipeline's one instance
 *     of the series' id (equal to the one given), which state kept beside the pipeline should be
 *     keyed by
 * @param score the detector's score, or {@link Score#none} when the sample was dropped
 * @param anomaly present when the score reached the pipeline's threshold
 */
public record ScoredSample(Sample sample, SampleVerdict verdict, Score score, Optional<AnomalyEvent> anomaly) {}
