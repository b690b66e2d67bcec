package io.smartcloudops.runtime;

import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.detect.AnomalyEvent;
import io.smartcloudops.api.detect.Score;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.detect.pipeline.SampleVerdict;
import io.smartcloudops.remediate.policy.SuppressionReason;

/**
 * What the loop tells about each stage, in the order it happens: a batch from a source, each
 * sample scored or dropped, anomalies, alert transitions, the gate's results and suppressions,
 * notifications. Every method has an empty default, so a listener implements only what it needs.
 *
 * <p>Listeners are called on the loop's own threads (the sampling loop, the caller of
 * {@link Ops#ingest}, the remediation lane) and must not block; one that throws is logged and
 * the loop goes on.
 *
 * <pre>{@code
 * Ops ops = Ops.builder()
 *         .listener(new OpsListener() {
 *             public void onAnomaly(AnomalyEvent a) {
 *                 System.out.println("anomaly on " + a.series());
 *             }
 *         })
 *         .build();
 * }</pre>
 */
public interface OpsListener {
    /** A source answered a poll, or a batch was pushed ({@code source} is then the batch's). */
    default void onBatch(String source, int samples) {}

    /** A source's poll failed, hung or threw; the loop goes on with the others. */
    default void onSourceError(String source, String problem) {}

    default void onScored(Sample sample, Score score) {}

    /** A sample was not scored: late, duplicate, not finite, from the future, or over the series limit. */
    default void onDropped(Sample sample, SampleVerdict verdict) {}

    default void onAnomaly(AnomalyEvent anomaly) {}

    /** A rule's alert became pending, firing or inactive. */
    default void onAlertTransition(Alert alert) {}

    /** What the policy gate did with a request: ran it, dry-ran it, queued it for approval or refused it. */
    default void onAction(ActionResult result) {}

    /** A remediation held back (cooldown, rate limit, circuit open, duplicate, dry run, silence, inhibited). */
    default void onSuppressed(SuppressionReason reason) {}

    /** A notifier was given a notification: {@code outcome} is {@code sent}, {@code failed} or {@code dropped}. */
    default void onNotification(String notifier, String outcome) {}
}
