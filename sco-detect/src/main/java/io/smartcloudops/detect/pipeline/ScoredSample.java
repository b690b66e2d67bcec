package io.smartcloudops.detect.pipeline;

import io.smartcloudops.api.detect.AnomalyEvent;
import io.smartcloudops.api.detect.Score;
import io.smartcloudops.api.metric.Sample;
import java.util.Optional;

/**
 * The pipeline's answer for one sample.
 *
 * @param score the detector's score, or {@link Score#none} when the sample was dropped
 * @param anomaly present when the score reached the pipeline's threshold
 */
public record ScoredSample(Sample sample, SampleVerdict verdict, Score score, Optional<AnomalyEvent> anomaly) {}
