package io.smartcloudops.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.smartcloudops.api.alert.Severity;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.notify.Notification;
import io.smartcloudops.api.notify.Notifier;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class NotifierFanoutTest {

    private static Notification note(int i) {
        return new Notification("alert " + i, "body", Severity.WARNING, Labels.empty(), Instant.EPOCH);
    }

    /** Blocks in send until released, like a webhook whose server accepts the connection and never answers. */
    private static final class HangingNotifier implements Notifier {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger sent = new AtomicInteger();

        @Override
        public String name() {
            return "hanging";
        }

        @Override
        public void send(Notification notification) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sent.incrementAndGet();
        }
    }

    private static final class CountingNotifier implements Notifier {
        final CountDownLatch received;
        final Semaphore each = new Semaphore(0);

        CountingNotifier(int expected) {
            received = new CountDownLatch(expected);
        }

        @Override
        public String name() {
            return "log";
        }

        @Override
        public void send(Notification notification) {
            received.countDown();
            each.release();
        }
    }

    @Test
    void aHangingNotifierDoesNotHoldBackTheOthers() throws InterruptedException {
        HangingNotifier hanging = new HangingNotifier();
        CountingNotifier log = new CountingNotifier(5);
        try (NotifierFanout fanout = new NotifierFanout(List.of(hanging, log), (n, o) -> {})) {
            for (int i = 0; i < 5; i++) {
                fanout.accept(note(i));
            }
            assertThat(log.received.await(10, TimeUnit.SECONDS))
                    .as("the log notifier got all five while the webhook hangs on the first")
                    .isTrue();
            assertThat(hanging.sent).hasValue(0);
            hanging.release.countDown();
        }
    }

    @Test
    void aFullQueueDropsForThatNotifierOnlyAndCountsIt() throws InterruptedException {
        HangingNotifier hanging = new HangingNotifier();
        CountingNotifier log = new CountingNotifier(10);
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        try (NotifierFanout fanout = new NotifierFanout(
                List.of(hanging, log),
                (n, o) -> outcomes.computeIfAbsent(n + "/" + o, k -> new AtomicInteger())
                        .incrementAndGet(),
                3)) {
            // The first notification starts the hanging worker directly (ThreadPoolExecutor hands a new
            // core worker its first task), three wait in its queue, the other six are dropped.
            for (int i = 0; i < 10; i++) {
                fanout.accept(note(i));
                // Lets the quick notifier keep up, so only the hanging one's queue can fill.
                assertThat(log.each.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(fanout.dropped("hanging")).isEqualTo(6);
            assertThat(fanout.dropped("log")).isZero();
            assertThat(outcomes.get("hanging/dropped")).hasValue(6);
            assertThat(outcomes).doesNotContainKey("log/dropped");
            hanging.release.countDown();
        }
        assertThat(hanging.sent)
                .as("what was queued is still sent once the webhook answers")
                .hasValue(4);
    }

    @Test
    void aStormOfDropsIsOneWarnAnIntervalWithTheCountAndEachDropAtDebug() {
        Logger log = (Logger) LoggerFactory.getLogger(NotifierFanout.class);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        Level levelBefore = log.getLevel();
        log.setLevel(Level.DEBUG);
        log.setAdditive(false); // the DEBUG lines go to the test, not to the console
        captured.start();
        log.addAppender(captured);
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T00:00:00Z"));
        HangingNotifier hanging = new HangingNotifier();
        AtomicInteger droppedOutcomes = new AtomicInteger();
        try {
            try (NotifierFanout fanout = new NotifierFanout(
                    List.of(hanging),
                    (n, o) -> {
                        if (o.equals("dropped")) {
                            droppedOutcomes.incrementAndGet();
                        }
                    },
                    1,
                    now::get)) {
                try {
                    // one is taken by the hanging worker, one waits in the queue: the rest are dropped
                    for (int i = 0; i < 502; i++) {
                        fanout.accept(note(i));
                    }
                    assertThat(warnings(captured))
                            .as("the first drop is told at once")
                            .containsExactly("dropped 1 notifications for notifier hanging since 2026-12-01T00:00:00Z"
                                    + ": its queue of 1 is full");
                    now.set(now.get().plus(Duration.ofSeconds(30)));
                    for (int i = 0; i < 200; i++) {
                        fanout.accept(note(i));
                    }
                    assertThat(warnings(captured)).as("within the interval").hasSize(1);
                    now.set(now.get().plus(NotifierFanout.DROP_WARN_INTERVAL));
                    fanout.accept(note(0));
                    assertThat(warnings(captured))
                            .hasSize(2)
                            .last()
                            .isEqualTo("dropped 700 notifications for notifier hanging since 2026-12-01T00:00:00Z"
                                    + ": its queue of 1 is full");
                    for (int i = 0; i < 9; i++) {
                        fanout.accept(note(i));
                    }
                    assertThat(fanout.dropped("hanging")).isEqualTo(710);
                    assertThat(droppedOutcomes)
                            .as("the metric hears of every drop")
                            .hasValue(710);
                } finally {
                    hanging.release.countDown(); // a failed assertion must not hold up close()
                }
            }
            assertThat(warnings(captured))
                    .as("the stop tells the drops not yet told")
                    .hasSize(3)
                    .last()
                    .isEqualTo("dropped 9 notifications for notifier hanging since 2026-12-01T00:01:30Z"
                            + ": its queue of 1 is full");
            assertThat(captured.list.stream().filter(e -> e.getLevel() == Level.DEBUG))
                    .hasSize(710);
        } finally {
            hanging.release.countDown();
            log.detachAppender(captured);
            log.setLevel(levelBefore);
            log.setAdditive(true);
        }
    }

    private static List<String> warnings(ListAppender<ILoggingEvent> captured) {
        return captured.list.stream()
                .filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }
}
