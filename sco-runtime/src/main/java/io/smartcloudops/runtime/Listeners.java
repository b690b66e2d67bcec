package io.smartcloudops.runtime;

import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.detect.AnomalyEvent;
import io.smartcloudops.api.detect.Score;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.detect.pipeline.SampleVerdict;
import io.smartcloudops.remediate.policy.SuppressionReason;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The loop's listeners as one: a listener that throws is logged and the others still hear of it. */
final class Listeners {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);
    private final List<OpsListener> all;

    Listeners(List<OpsListener> all) {
        this.all = List.copyOf(all);
    }

    private void each(String event, Consumer<OpsListener> call) {
        for (OpsListener l : all) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("listener {} failed on {}: {}", l.getClass().getName(), event, e.toString());
            }
        }
    }

    void batch(String source, int samples) {
        each("batch", l -> l.onBatch(source, samples));
    }

    void sourceError(String source, String problem) {
        each("source error", l -> l.onSourceError(source, problem));
    }

    /** Called for every sample: with no listener, it makes no lambda (garbage a sample otherwise). */
    void scored(Sample s, Score score) {
        if (!all.isEmpty()) {
            each("scored sample", l -> l.onScored(s, score));
        }
    }

    void dropped(Sample s, SampleVerdict verdict) {
        if (!all.isEmpty()) {
            each("dropped sample", l -> l.onDropped(s, verdict));
        }
    }

    void anomaly(AnomalyEvent a) {
        each("anomaly", l -> l.onAnomaly(a));
    }

    void alertTransition(Alert a) {
        each("alert transition", l -> l.onAlertTransition(a));
    }

    void action(ActionResult r) {
        each("action result", l -> l.onAction(r));
    }

    void suppressed(SuppressionReason reason) {
        each("suppression", l -> l.onSuppressed(reason));
    }

    void notification(String notifier, String outcome) {
        each("notification", l -> l.onNotification(notifier, outcome));
    }
}
