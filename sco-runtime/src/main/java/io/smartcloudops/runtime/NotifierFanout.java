package io.smartcloudops.runtime;

import io.smartcloudops.api.notify.Notification;
import io.smartcloudops.api.notify.Notifier;
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
 * that notifier only and counted against it.
 */
final class NotifierFanout implements Consumer<Notification>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NotifierFanout.class);

    /** Per notifier: about a day of alert transitions at a steady one a minute, few enough to bound memory. */
    static final int QUEUE_CAPACITY = 1_000;

    private static final long CLOSE_WAIT_SECONDS = 10;

    private final List<Lane> lanes;
    private final BiConsumer<String, String> outcomes;

    /** @param outcomes told (notifier, outcome) for every delivery: sent, failed or dropped */
    NotifierFanout(List<Notifier> notifiers, BiConsumer<String, String> outcomes) {
        this(notifiers, outcomes, QUEUE_CAPACITY);
    }

    NotifierFanout(List<Notifier> notifiers, BiConsumer<String, String> outcomes, int queueCapacity) {
        this.outcomes = outcomes;
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
        final AtomicLong dropped = new AtomicLong();

        Lane(Notifier notifier, int capacity) {
            this.notifier = notifier;
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
                            LOG.warn("notifier {}: queue full; dropping a notification", notifier.name());
                            outcomes.accept(notifier.name(), "dropped");
                        }
                    });
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
