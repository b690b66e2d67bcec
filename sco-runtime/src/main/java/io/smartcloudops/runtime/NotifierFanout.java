package io.smartcloudops.runtime;

import io.smartcloudops.api.notify.Notification;
import io.smartcloudops.api.notify.Notifier;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands notifications to every notifier on a thread of its own with a bounded queue, so a webhook
 * that hangs never stalls detection or remediation; when the queue is full the newest
 * notification is dropped and counted.
 */
final class NotifierFanout implements Consumer<Notification>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NotifierFanout.class);

    private final List<Notifier> notifiers;
    private final BiConsumer<String, String> outcomes;
    private final ThreadPoolExecutor executor;

    /** @param outcomes told (notifier, outcome) for every delivery: sent, failed or dropped */
    NotifierFanout(List<Notifier> notifiers, BiConsumer<String, String> outcomes) {
        this.notifiers = List.copyOf(notifiers);
        this.outcomes = outcomes;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1_000), r -> {
            Thread t = new Thread(r, "sco-notifier");
            t.setDaemon(true);
            return t;
        }, (r, pool) -> {
            LOG.warn("notification queue full; dropping a notification");
            outcomes.accept("*", "dropped");
        });
    }

    @Override
    public void accept(Notification n) {
        executor.execute(() -> {
            for (Notifier notifier : notifiers) {
                try {
                    notifier.send(n);
                    outcomes.accept(notifier.name(), "sent");
                } catch (RuntimeException e) {
                    LOG.warn("notifier {} failed: {}", notifier.name(), e.getMessage());
                    outcomes.accept(notifier.name(), "failed");
                }
            }
        });
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        notifiers.forEach(Notifier::close);
    }
}
