package io.smartcloudops.runtime;

import io.smartcloudops.api.notify.Notification;
import io.smartcloudops.api.notify.Notifier;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands notifications to every notifier on a thread and bounded queue of its own, so a webhook that
 * hangs stalls neither detection and remediation nor the other notifiers (a slow Slack must not hold
 * back the log notifier). When one notifier's queue is full, the newest notification is dropped for
 * that notifier only and counted against it. A storm can drop thousands a second, so the log gets
 * one WARN per notifier per {@link #DROP_WARN_INTERVAL} with the count since the last one (each
 * drop is at DEBUG); the outcome callback, the drop metric, still hears of every drop.
 */
final class NotifierFanout implements Consumer<Notification>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NotifierFanout.class);

    /** Per notifier: about a day of alert transitions at a steady one a minute, few enough to bound memory. */
    static final int QUEUE_CAPACITY = 1_000;

    /** A minute: an operator watching the log learns of a full queue at once and then of its size. */
    static final Duration DROP_WARN_INTERVAL = Duration.ofMinutes(1);

    private static final long CLOSE_WAIT_SECONDS = 10;

    private final List<Lane> lanes;
    private final BiConsumer<String, String> outcomes;
    private final InstantSource clock;

    /** @param outcomes told (notifier, outcome) for every delivery: sent, failed or dropped */
    NotifierFanout(List<Notifier> notifiers, BiConsumer<String, String> outcomes) {
        this(notifiers, outcomes, QUEUE_CAPACITY);
    }

    NotifierFanout(List<Notifier> notifiers, BiConsumer<String, String> outcomes, int queueCapacity) {
        this(notifiers, outcomes, queueCapacity, InstantSource.system());
    }

    /** @param clock times the drop warnings only; deliveries do not wait on it */
    NotifierFanout(
            List<Notifier> notifiers, BiConsumer<String, String> outcomes, int queueCapacity, InstantSource clock) {
        this.outcomes = outcomes;
        this.clock = clock;
        List<Lane> built = new ArrayList<>();
        for (Notifier notifier : notifiers) {
            built.add(new Lane(notifier, queueCapacity));
        }
        this.lanes = List.copyOf(built);
    }

    @Override
    public void accept(Notification n) {
        for (Lane lane : lanes) {
            lane.submit(n);
            // drops near the end of an interval are told by the next notification after it, not
            // only by the next drop, which may never come
            lane.warnDrops(false);
        }
    }

    /** Notifications dropped so far for the named notifier because its queue was full. */
    long dropped(String notifierName) {
        return lanes.stream()
                .filter(l -> l.notifier.name().equals(notifierName))
                .mapToLong(l -> l.dropped.get())
                .sum();
    }

    /**
     * Waits up to ten seconds in all for the queued notifications, then abandons the rest (a
     * hanging notifier must not hold up the stop) and closes the notifiers.
     */
    @Override
    public void close() {
        lanes.forEach(l -> l.warnDrops(true));
        lanes.forEach(l -> l.executor.shutdown());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CLOSE_WAIT_SECONDS);
        boolean interrupted = false;
        for (Lane lane : lanes) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!lane.executor.awaitTermination(left, TimeUnit.NANOSECONDS)) {
                    List<Runnable> abandoned = lane.executor.shutdownNow();
                    if (!abandoned.isEmpty()) {
                        LOG.warn(
                                "notifier {}: {} notifications not sent at stop",
                                lane.notifier.name(),
                                abandoned.size());
                    }
                }
            } catch (InterruptedException e) {
                lane.executor.shutdownNow();
                interrupted = true;
            }
        }
        lanes.forEach(l -> l.notifier.close());
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Lane {
        final Notifier notifier;
        final ThreadPoolExecutor executor;
        final int capacity;
        final AtomicLong dropped = new AtomicLong();
        // drops not yet in a WARN, and when the first of them was; guarded by this lane
        private long unwarned;
        private Instant unwarnedSince;
        private Instant lastWarn;

        Lane(Notifier notifier, int capacity) {
            this.notifier = notifier;
            this.capacity = capacity;
            this.executor = new ThreadPoolExecutor(
                    1,
                    1,
                    0,
                    TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(capacity),
                    r -> {
                        Thread t = new Thread(r, "sco-notifier-" + notifier.name());
                        t.setDaemon(true);
                        return t;
                    },
                    (r, pool) -> {
                        if (!pool.isShutdown()) {
                            dropped.incrementAndGet();
                            LOG.debug("notifier {}: queue full; dropping a notification", notifier.name());
                            countDrop();
                            outcomes.accept(notifier.name(), "dropped");
                        }
                    });
        }

        private synchronized void countDrop() {
            if (unwarned++ == 0) {
                unwarnedSince = clock.instant();
            }
            warnDrops(false);
        }

        /** WARNs the drops since the last WARN if there are any and the interval is over, or if {@code now}. */
        synchronized void warnDrops(boolean now) {
            if (unwarned == 0) {
                return;
            }
            Instant at = clock.instant();
            if (now || lastWarn == null || !at.isBefore(lastWarn.plus(DROP_WARN_INTERVAL))) {
                LOG.warn(
                        "dropped {} notifications for notifier {} since {}: its queue of {} is full",
                        unwarned,
                        notifier.name(),
                        unwarnedSince,
                        capacity);
                unwarned = 0;
                lastWarn = at;
            }
        }

        void submit(Notification n) {
            executor.execute(() -> {
                try {
                    notifier.send(n);
                    outcomes.accept(notifier.name(), "sent");
                } catch (RuntimeException e) {
                    LOG.warn("notifier {} failed: {}", notifier.name(), e.getMessage());
                    outcomes.accept(notifier.name(), "failed");
                }
            });
        }
    }
}
