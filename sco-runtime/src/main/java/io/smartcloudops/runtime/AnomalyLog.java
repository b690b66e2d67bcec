package io.smartcloudops.runtime;

import io.smartcloudops.api.detect.AnomalyEvent;
import io.smartcloudops.api.metric.SeriesId;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;

/**
 * The loop's log of anomalies: each one at DEBUG, and one WARN line a round that counts them and
 * names the first ({@code 3 anomalies this round on 2 series, first: ...}). One WARN line an
 * anomaly wrote some 45,000 lines in the first round of a million series (a restart storm), which
 * buried every other line and pushed them out of the host's recent-log buffer; the anomalies
 * themselves are in the view and told to the listeners. Guarded by the loop's lock.
 */
final class AnomalyLog {
    private final Logger log;
    private final Set<SeriesId> series = new HashSet<>();
    private int count;
    private AnomalyEvent first;

    AnomalyLog(Logger log) {
        this.log = Objects.requireNonNull(log);
    }

    void record(AnomalyEvent a) {
        count++;
        series.add(a.series());
        if (first == null) {
            first = a;
        }
        if (log.isDebugEnabled()) {
            log.debug(
                    "anomaly {} on {}: value {} ({}; expected {})",
                    a.id(),
                    a.series(),
                    a.value(),
                    a.score().reason(),
                    a.score().expected());
        }
    }

    /** Writes the summary of the anomalies recorded since the last call, if there were any, and starts afresh. */
    void endRound() {
        if (count == 0) {
            return;
        }
        log.warn(
                "{} {} this round on {} series, first: {} on {}: value {} ({}; expected {})",
                count,
                count == 1 ? "anomaly" : "anomalies",
                series.size(),
                first.id(),
                first.series(),
                first.value(),
                first.score().reason(),
                first.score().expected());
        count = 0;
        first = null;
        series.clear();
    }
}
