package io.smartcloudops.runtime;

import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.detect.pipeline.DetectionPipeline;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the agent saves its detectors: restored once at start, saved every interval from the
 * sampling loop (so no sample is scored while a series is written), and once more at a clean stop.
 */
final class CheckpointSchedule {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointSchedule.class);

    private final DetectorCheckpoints store;
    private final DetectionPipeline pipeline;
    private final Duration interval;
    private Instant lastSaved = Instant.MIN;
    private volatile String health = "ok";

    CheckpointSchedule(DetectorCheckpoints store, DetectionPipeline pipeline, Duration interval) {
        this.store = store;
        this.pipeline = pipeline;
        this.interval = interval;
    }

    /**
     * Restores what the last checkpoint holds for this agent's detector; a damaged file or states
     * of another detector (the configuration changed) are set aside with a warning, never fatal.
     *
     * @return how many series were restored
     */
    int restore() {
        Map<SeriesId, DetectionPipeline.Checkpoint> saved;
        try {
            saved = store.load();
        } catch (IllegalStateException e) {
            LOG.warn("starting the detectors fresh: {}", e.getMessage());
            return 0;
        }
        Map<SeriesId, DetectionPipeline.Checkpoint> ours = new LinkedHashMap<>();
        saved.forEach((id, cp) -> {
            if (cp.state().detector().equals(pipeline.detectorName())) {
                ours.put(id, cp);
            }
        });
        try {
            pipeline.restore(ours);
        } catch (RuntimeException e) {
            LOG.warn("starting the detectors fresh: the checkpoint does not restore: {}", e.getMessage());
            return 0;
        }
        if (ours.size() < saved.size()) {
            LOG.warn("{} saved series belong to another detector and start fresh", saved.size() - ours.size());
        }
        if (!ours.isEmpty()) {
            LOG.info("restored {} detector states from {}", ours.size(), store.location());
        }
        return ours.size();
    }

    /** Saves when the interval has passed since the last save; a failure is logged and retried next round. */
    void maybeSave(Instant now) {
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
