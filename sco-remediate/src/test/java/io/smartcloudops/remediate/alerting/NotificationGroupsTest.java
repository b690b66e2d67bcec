package io.smartcloudops.remediate.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.alert.AlertState;
import io.smartcloudops.api.alert.Severity;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.notify.Notification;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Alert notifications batched per group with Alertmanager's group_wait and group_interval. */
class NotificationGroupsTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final InstantSource clock = () -> now.get();
    private final List<Notification> sent = new ArrayList<>();

    private static Alert alert(String name, String host, Severity severity) {
        Labels l = Labels.of("alertname", name, "host", host, "severity", severity.label());
        return new Alert(
                name,
                l,
                Map.of("summary", name + " on " + host),
                AlertState.FIRING,
                severity,
                Instant.EPOCH,
                Instant.EPOCH,
                null,
                1.0,
                "rules");
    }

    private void advance(Duration d) {
        now.set(now.get().plus(d));
    }

    private NotificationGroups groups() {
        return NotificationGroups.manual(NotificationGroups.Settings.defaults(), clock, sent::add);
    }

    /** Groups by one label that tell a new group at once, and later changes after five minutes. */
    private NotificationGroups noWait(String groupBy) {
        return NotificationGroups.manual(
                new NotificationGroups.Settings(List.of(groupBy), Duration.ZERO, Duration.ofMinutes(5)),
                clock,
                sent::add);
    }

    @Test
    void alertsThatFireTogetherArriveInOneMessageAfterGroupWait() {
        NotificationGroups g = groups();
        g.add(alert("HighCpuUsage", "app", Severity.WARNING), "FIRING");
        advance(Duration.ofSeconds(10));
        g.add(alert("HighCpuUsage", "monitor", Severity.CRITICAL), "FIRING");
        g.flushDue(now.get());
        assertThat(sent).as("still within group_wait").isEmpty();

        advance(Duration.ofSeconds(20));
        g.flushDue(now.get());
        assertThat(sent).singleElement().satisfies(n -> {
            assertThat(n.title()).isEqualTo("[FIRING:2] HighCpuUsage");
            assertThat(n.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(n.body()).contains("HighCpuUsage on app", "HighCpuUsage on monitor");
            assertThat(n.labels().asMap()).isEqualTo(Map.of("alertname", "HighCpuUsage"));
        });
    }

    @Test
    void laterChangesToAGroupWaitForGroupIntervalAndOtherGroupsAreTheirOwn() {
        NotificationGroups g = groups();
        g.add(alert("HighCpuUsage", "app", Severity.WARNING), "FIRING");
        g.add(alert("DiskSpaceLow", "app", Severity.CRITICAL), "FIRING");
        advance(Duration.ofSeconds(30));
        g.flushDue(now.get());
        assertThat(sent)
                .extracting(Notification::title)
                .containsExactlyInAnyOrder("[FIRING:1] HighCpuUsage", "[FIRING:1] DiskSpaceLow");

        g.add(alert("HighCpuUsage", "app", Severity.WARNING), "RESOLVED");
        advance(Duration.ofMinutes(4));
        g.flushDue(now.get());
        assertThat(sent).hasSize(2);
        advance(Duration.ofSeconds(61));
        g.flushDue(now.get());
        assertThat(sent).hasSize(3);
        assertThat(sent.get(2).title()).isEqualTo("[RESOLVED:1] HighCpuUsage");
    }

    @Test
    void anAlertThatFiresAndResolvesWithinTheWaitIsStillToldAsHavingFired() {
        NotificationGroups g = groups();
        g.add(alert("Flappy", "app", Severity.WARNING), "FIRING");
        g.add(alert("Flappy", "app", Severity.WARNING), "RESOLVED");
        advance(Duration.ofSeconds(30));
        g.flushDue(now.get());
        assertThat(sent).singleElement().satisfies(n -> {
            assertThat(n.title()).isEqualTo("[FIRING:1] Flappy");
            assertThat(n.body()).startsWith("- [FIRING, RESOLVED since] Flappy");
        });
    }

    @Test
    void groupByHostAndNoWaitTellAtOnceAndCloseSendsWhatIsWaiting() {
        NotificationGroups g = noWait("host");
        g.add(alert("HighCpuUsage", "app", Severity.WARNING), "FIRING");
        assertThat(sent)
                .singleElement()
                .satisfies(n -> assertThat(n.title()).isEqualTo("[FIRING:1] HighCpuUsage (host=app)"));
        g.add(alert("HighMemoryUsage", "app", Severity.WARNING), "FIRING");
        assertThat(sent).as("waits for group_interval").hasSize(1);
        g.close();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).title()).isEqualTo("[FIRING:1] HighMemoryUsage (host=app)");
    }

    @Test
    void changesAddedTogetherAreOneMessageAGroupEvenWithNoWaitAndLaterOnesWaitGroupInterval() {
        NotificationGroups g = noWait("alertname");
        List<NotificationGroups.Change> round = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            round.add(new NotificationGroups.Change(alert("HighCpuUsage", "h" + i, Severity.WARNING), "FIRING"));
            round.add(new NotificationGroups.Change(alert("DiskSpaceLow", "h" + i, Severity.WARNING), "FIRING"));
        }
        g.addAll(round);
        assertThat(sent)
                .extracting(Notification::title)
                .containsExactly("[FIRING:1000] HighCpuUsage", "[FIRING:1000] DiskSpaceLow");
        assertThat(sent.get(0).body().lines()).hasSize(1_000);

        g.addAll(List.of(new NotificationGroups.Change(alert("HighCpuUsage", "h0", Severity.WARNING), "RESOLVED")));
        advance(Duration.ofMinutes(5).minusSeconds(1));
        g.flushDue(now.get());
        assertThat(sent).hasSize(2);
        advance(Duration.ofSeconds(1));
        g.flushDue(now.get());
        assertThat(sent).hasSize(3);
        assertThat(sent.get(2).title()).isEqualTo("[RESOLVED:1] HighCpuUsage");
    }

    @Test
    void groupsChurnedThroughFiringAndResolvedAreDroppedAndEachResolvedIsToldOnce() {
        NotificationGroups g = noWait("host");
        // a pod-like label: 10 rounds of 1,000 series that fire, then resolve (idle eviction)
        for (int round = 0; round < 10; round++) {
            List<NotificationGroups.Change> firing = new ArrayList<>();
            List<NotificationGroups.Change> resolved = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                Alert a = alert("HighCpuUsage", "pod-" + round + "-" + i, Severity.WARNING);
                firing.add(new NotificationGroups.Change(a, "FIRING"));
                resolved.add(new NotificationGroups.Change(a, "RESOLVED"));
            }
            g.addAll(firing);
            assertThat(g.groupCount()).as("firing groups are live").isEqualTo(1_000);
            advance(Duration.ofMinutes(1));
            g.addAll(resolved);
            advance(Duration.ofMinutes(5));
            g.flushDue(now.get());
            assertThat(g.groupCount()).as("after round %d", round).isZero();
        }
        advance(Duration.ofMinutes(10));
        g.flushDue(now.get());
        g.close();

        List<String> resolvedTitles = sent.stream()
                .map(Notification::title)
                .filter(t -> t.startsWith("[RESOLVED"))
                .toList();
        assertThat(sent).hasSize(20_000);
        assertThat(resolvedTitles).hasSize(10_000).doesNotHaveDuplicates().allMatch(t -> t.startsWith("[RESOLVED:1]"));
    }

    @Test
    void aGroupFiringAgainAfterItWasDroppedWaitsGroupWaitAgain() {
        NotificationGroups g = groups();
        Alert a = alert("HighCpuUsage", "app", Severity.WARNING);
        g.add(a, "FIRING");
        advance(Duration.ofSeconds(30));
        g.flushDue(now.get());
        g.add(a, "RESOLVED");
        advance(Duration.ofMinutes(5));
        g.flushDue(now.get());
        assertThat(sent)
                .extracting(Notification::title)
                .containsExactly("[FIRING:1] HighCpuUsage", "[RESOLVED:1] HighCpuUsage");
        assertThat(g.groupCount()).isZero();

        // the dropped group's group_interval no longer applies: the new group waits 30 s, not 5 min
        g.add(a, "FIRING");
        advance(Duration.ofSeconds(29));
        g.flushDue(now.get());
        assertThat(sent).hasSize(2);
        advance(Duration.ofSeconds(1));
        g.flushDue(now.get());
        assertThat(sent).hasSize(3);
        assertThat(sent.get(2).title()).isEqualTo("[FIRING:1] HighCpuUsage");
        assertThat(g.groupCount()).isEqualTo(1);
    }

    @Test
    void aGroupWithAnAlertStillFiringIsKeptAndItsNextChangeWaitsGroupInterval() {
        NotificationGroups g = groups();
        g.add(alert("HighCpuUsage", "app", Severity.WARNING), "FIRING");
        g.add(alert("HighCpuUsage", "db", Severity.WARNING), "FIRING");
        advance(Duration.ofSeconds(30));
        g.flushDue(now.get());
        g.add(alert("HighCpuUsage", "app", Severity.WARNING), "RESOLVED");
        advance(Duration.ofMinutes(5));
        g.flushDue(now.get());
        assertThat(sent)
                .extracting(Notification::title)
                .containsExactly("[FIRING:2] HighCpuUsage", "[RESOLVED:1] HighCpuUsage");
        assertThat(g.groupCount()).as("db still fires").isEqualTo(1);

        g.add(alert("HighCpuUsage", "app", Severity.WARNING), "FIRING");
        advance(Duration.ofSeconds(30));
        g.flushDue(now.get());
        assertThat(sent).as("a live group waits group_interval, not group_wait").hasSize(2);
        advance(Duration.ofMinutes(5).minusSeconds(30));
        g.flushDue(now.get());
        assertThat(sent).hasSize(3);
    }

    @Test
    void anAlertThatFiredAndResolvedWithinTheWaitLeavesNoGroup() {
        NotificationGroups g = groups();
        g.add(alert("Flappy", "app", Severity.WARNING), "FIRING");
        g.add(alert("Flappy", "app", Severity.WARNING), "RESOLVED");
        advance(Duration.ofSeconds(30));
        g.flushDue(now.get());
        assertThat(sent).hasSize(1);
        assertThat(g.groupCount()).isZero();
    }

    @Test
    void theTimerFlushesOnItsOwn() throws Exception {
        List<Notification> told = Collections.synchronizedList(new ArrayList<>());
        try (NotificationGroups g = NotificationGroups.start(
                new NotificationGroups.Settings(List.of("alertname"), Duration.ofMillis(100), Duration.ofMinutes(5)),
                InstantSource.system(),
                told::add)) {
            g.add(alert("HighCpuUsage", "app", Severity.WARNING), "FIRING");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !told.isEmpty());
            assertThat(told).hasSize(1);
        }
    }

    @Test
    void negativeDurationsAreRefused() {
        assertThatThrownBy(() -> new NotificationGroups.Settings(List.of(), Duration.ofSeconds(-1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
