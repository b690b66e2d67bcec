package io.smartcloudops.runtime;

import io.smartcloudops.api.audit.AuditArchive;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the audit log is copied to its archive: full segments every interval on a thread of its
 * own (an archive that hangs on the network never delays a round of the loop), and once more at
 * stop with the tail, after the last entry is written. A failure is logged, shown in the loop's
 * health, and retried next time; the archive goes on from what it last confirmed.
 */
final class AuditArchiveSchedule {
    static final String HEALTH = "audit archive";
    private static final Logger LOG = LoggerFactory.getLogger(AuditArchiveSchedule.class);

    private final AuditArchive archive;
    private final Duration interval;
    private final ComponentHealth health;
    private ScheduledExecutorService thread;

    AuditArchiveSchedule(AuditArchive archive, Duration interval, ComponentHealth health) {
        this.archive = archive;
        this.interval = interval;
        this.health = health;
        health.record(HEALTH, ComponentHealth.OK);
    }

    synchronized void start() {
        if (thread != null || interval.isZero()) {
            return;
        }
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sco-audit-archive");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(
                () -> archive(false), interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("audit archive to {} every {}", archive.location(), interval);
    }

    /** Copies what is due; {@code includeTail} at stop. Never throws: the failure is the health. */
    void archive(boolean includeTail) {
        try {
            int segments = archive.archive(includeTail);
            health.record(HEALTH, ComponentHealth.OK);
            if (segments > 0) {
                LOG.info("archived {} audit segment(s) to {}", segments, archive.location());
            }
        } catch (RuntimeException e) {
            health.record(HEALTH, e.getMessage() == null ? e.toString() : e.getMessage());
            LOG.error(
                    "audit archive to {} failed; it goes on from the last confirmed segment next time: {}",
                    archive.location(),
                    e.getMessage());
        }
    }

    /** Stops the schedule, waiting for a copy under way, then copies everything including the tail. */
    synchronized void stopAndArchiveAll() {
        if (thread != null) {
            thread.shutdown();
            try {
                if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                    thread.shutdownNow();
                }
            } catch (InterruptedException e) {
                thread.shutdownNow();
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
        archive(true);
    }

    void close() {
        archive.close();
    }
}
