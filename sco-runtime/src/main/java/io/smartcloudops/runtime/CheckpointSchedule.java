package io.smartcloudops.runtime;

import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.detect.pipeline.DetectionPipeline;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the agent saves its detectors: restored once at start, saved every interval from the
 * sampling loop (so no sample is scored while a series is written), and once more at a clean stop.
 * A fresh agent saves at its first round; one that restored states saves first an interval later.
 */
final class CheckpointSchedule {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointSchedule.class);

    private final DetectorCheckpoints store;
    private final DetectionPipeline pipeline;
    private final Duration interval;
    private Instant lastSaved = Instant.MIN;
    /**
     * Set by a restore that brought states back: what is on disk is what the detectors hold, so the
     * first round starts the interval instead of writing it all back (22-60 s of a stalled first
     * round at 1,000,000 series).
     */
    private boolean upToDate;

    private volatile String health = "ok";

    CheckpointSchedule(DetectorCheckpoints store, DetectionPipeline pipeline, Duration interval) {
        this.store = store;
        this.pipeline = pipeline;
        this.interval = interval;
    }

    /**
     * Restores what the last checkpoint holds for this agent's detector; a damaged file or states
     * of another detector (the configuration changed) are set aside with a warning, never fatal.
     * Series are restored as they are read, so a million saved states are never held beside the
     * detectors made from them; when damage shows (the digest is checked at the end) or a state
     * does not restore, the series restored so far are forgotten again and the agent starts fresh.
     *
     * @return how many series were restored
     */
    int restore() {
        List<SeriesId> restored = new ArrayList<>();
        int saved;
        try {
            saved = store.loadEach((id, cp) -> {
                if (cp.state().detector().equals(pipeline.detectorName())) {
                    try {
                        pipeline.restore(Map.of(id, cp));
                    } catch (RuntimeException e) {
                        throw new NotRestored(e);
                    }
                    restored.add(id);
                }
            });
        } catch (IllegalStateException e) {
            restored.forEach(pipeline::forget);
            LOG.warn("starting the detectors fresh: {}", e.getMessage());
            return 0;
        } catch (NotRestored e) {
            restored.forEach(pipeline::forget);
            LOG.warn(
                    "starting the detectors fresh: the checkpoint does not restore: {}",
                    e.getCause().getMessage());
            return 0;
        }
        if (restored.size() < saved) {
            LOG.warn("{} saved series belong to another detector and start fresh", saved - restored.size());
        }
        if (!restored.isEmpty()) {
            LOG.info("restored {} detector states from {}", restored.size(), store.location());
            upToDate = true;
        }
        return restored.size();
    }

    /** A state the detector refused, told apart from a damaged file while the checkpoint is still being read. */
    private static final class NotRestored extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotRestored(RuntimeException cause) {
            super(cause);
        }
    }

    /** Saves when the interval has passed since the last save; a failure is logged and retried next round. */
    void maybeSave(Instant now) {
        if (upToDate) {
            upToDate = false;
            lastSaved = now;
            return;
        }
        if (interval.isZero() || now.isBefore(lastSaved.plus(interval))) {
            return;
        }
        lastSaved = now;
        save();
    }

    void save() {
        try {
            store.save(pipeline::checkpointEach); // streamed series by series, never whole in memory
            health = "ok";
        } catch (RuntimeException e) {
            health = e.getMessage();
            LOG.error("detector checkpoint failed; the last complete one stays: {}", e.getMessage());
        }
    }

    /** {@code ok}, or why the last save failed (the last complete checkpoint stays). */
    String health() {
        return health;
    }
}
