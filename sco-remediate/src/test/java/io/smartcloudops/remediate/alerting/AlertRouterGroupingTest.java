package io.smartcloudops.remediate.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.alert.AlertState;
import io.smartcloudops.api.alert.Severity;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.notify.Notification;
import io.smartcloudops.remediate.audit.SqliteAuditLog;
import io.smartcloudops.remediate.policy.AlertRemediator;
import io.smartcloudops.remediate.policy.KnownHosts;
import io.smartcloudops.remediate.policy.PolicyGate;
import io.smartcloudops.remediate.rules.RuleFileLoader;
import io.smartcloudops.remediate.rules.RuleSet;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A round's (or a webhook delivery's) alert changes reach the notifiers as one message a group. */
class AlertRouterGroupingTest {
    @TempDir
    Path dir;

    private Instant now = Instant.parse("2026-12-01T00:00:00Z");
    private final InstantSource clock = () -> now;
    private final List<Notification> sent = new ArrayList<>();
    private SqliteAuditLog audit;
    private NotificationGroups groups;

    private AlertRouter router(Duration groupWait) {
        audit = SqliteAuditLog.open(dir.resolve("audit.db"), clock);
        RuleSet noPolicies = new RuleFileLoader().parseSet("p.yml", "groups: []");
        groups = NotificationGroups.manual(
                new NotificationGroups.Settings(List.of("alertname"), groupWait, Duration.ofMinutes(5)),
                clock,
                sent::add);
        return AlertRouter.builder(
                        audit,
                        clock,
                        new AlertRemediator(
                                () -> noPolicies,
                                PolicyGate.builder(audit, clock).build(),
                                KnownHosts.of(List.of())))
                .grouping(groups)
                .build();
    }

    @AfterEach
    void close() {
        if (audit != null) {
            audit.close();
        }
    }

    private Alert firing(String name, int pod, String source) {
        Labels l = Labels.of("alertname", name, "pod", "p" + pod, "severity", "warning");
        return new Alert(
                name,
                l,
                Map.of("summary", name + " on p" + pod),
                AlertState.FIRING,
                Severity.WARNING,
                now,
                now,
                null,
                1.0,
                source);
    }

    /** 200 HighLoad and 100 DiskLow alerts, interleaved, as a storm's round brings them. */
    private List<Alert> storm(String source) {
        List<Alert> out = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            out.add(firing("HighLoad", i, source));
            if (i % 2 == 0) {
                out.add(firing("DiskLow", i, source));
            }
        }
        return out;
    }

    private static long lines(Notification n) {
        return n.body().lines().count();
    }

    @Test
    void aRoundsStormIsOneNotificationAGroupEvenWithNoGroupWait() {
        AlertRouter router = router(Duration.ZERO);
        router.onTransitions(storm("rules"));
        // told one by one, the first alert of each group went out alone and the other 298 waited group_interval
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).title()).isEqualTo("[FIRING:200] HighLoad");
        assertThat(lines(sent.get(0))).isEqualTo(200);
        assertThat(sent.get(1).title()).isEqualTo("[FIRING:100] DiskLow");
        assertThat(lines(sent.get(1))).isEqualTo(100);
    }

    @Test
    void anAlertmanagerDeliveryIsOneNotificationAGroup() {
        AlertRouter router = router(Duration.ZERO);
        assertThat(router.onAlertmanager(storm("alertmanager"))).isEqualTo(300);
        assertThat(sent)
                .extracting(Notification::title)
                .containsExactly("[FIRING:200] HighLoad", "[FIRING:100] DiskLow");
    }

    @Test
    void withAGroupWaitTheStormWaitsForItAndIsThenOneNotificationAGroup() {
        AlertRouter router = router(Duration.ofSeconds(30));
        router.onTransitions(storm("rules"));
        now = now.plusSeconds(29);
        groups.flushDue(now); // what the host's timer thread does every 200 ms
        assertThat(sent).isEmpty();
        now = now.plusSeconds(1);
        groups.flushDue(now);
        assertThat(sent)
                .extracting(Notification::title)
                .containsExactly("[FIRING:200] HighLoad", "[FIRING:100] DiskLow");
    }
}
