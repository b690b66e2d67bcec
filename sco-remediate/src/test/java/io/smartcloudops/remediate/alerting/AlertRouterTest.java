package io.smartcloudops.remediate.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.action.ActionOutcome;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.alert.AlertState;
import io.smartcloudops.api.alert.Severity;
import io.smartcloudops.api.audit.AuditEntry;
import io.smartcloudops.api.audit.AuditKind;
import io.smartcloudops.api.audit.AuditQuery;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.notify.Notification;
import io.smartcloudops.remediate.audit.SqliteAuditLog;
import io.smartcloudops.remediate.match.Matcher;
import io.smartcloudops.remediate.policy.AlertRemediator;
import io.smartcloudops.remediate.policy.PolicyGate;
import io.smartcloudops.remediate.policy.SuppressionReason;
import io.smartcloudops.remediate.rules.RuleFileLoader;
import io.smartcloudops.remediate.rules.RuleSet;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertRouterTest {
    @TempDir
    Path dir;

    private final Instant t0 = Instant.parse("2026-11-27T00:00:00Z");
    private Instant now = t0;
    private final InstantSource clock = () -> now;
    private SqliteAuditLog audit;
    private final List<ActionResult> actions = new ArrayList<>();
    private final List<Notification> told = new ArrayList<>();
    private final List<SuppressionReason> suppressed = new ArrayList<>();
    private AlertRouter router;

    private final RuleSet policies = new RuleFileLoader().parseSet("p.yml", """
            groups: []
            policies:
              - name: restart nginx
                match: ['alertname="NginxDown"']
                remediation:
                  action: restart_service
                  target: '{{ $labels.host }}'
                  parameters: {unit: nginx}
            """);

    @BeforeEach
    void open() {
        audit = SqliteAuditLog.open(dir.resolve("audit.db"), clock);
        PolicyGate gate = PolicyGate.builder(audit, clock)
                .cooldown(Duration.ZERO)
                .listener(actions::add)
                .action(new io.smartcloudops.remediate.action.RestartServiceAction(
                        new io.smartcloudops.remediate.action.ProcessCommandRunner(),
                        List.of("systemctl"),
                        Duration.ofSeconds(5)))
                .build();
        router = AlertRouter.builder(
                        audit,
                        clock,
                        new AlertRemediator(
                                () -> policies,
                                gate,
                                io.smartcloudops.remediate.policy.KnownHosts.of(List.of("app", "monitor"))))
                .notifications(told::add)
                .suppressionListener(suppressed::add)
                .build();
    }

    @AfterEach
    void close() {
        audit.close();
    }

    private static Alert am(String name, AlertState state, Instant startsAt, String... labels) {
        Labels l = Labels.of(labels).with("alertname", name);
        return new Alert(
                name,
                l,
                Map.of("summary", name + " summary"),
                state,
                Severity.parse(l.get("severity")),
                startsAt,
                startsAt,
                state == AlertState.RESOLVED ? startsAt.plusSeconds(60) : null,
                Double.NaN,
                "alertmanager");
    }

    @Test
    void firingAlertmanagerAlertIsAuditedNotifiedAndRemediatedByPolicy() {
        assertThat(router.onAlertmanager(
                        List.of(am("NginxDown", AlertState.FIRING, t0, "host", "app", "severity", "critical"))))
                .isEqualTo(1);
        assertThat(actions).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(ActionOutcome.DRY_RUN);
            assertThat(r.target()).isEqualTo("app");
            assertThat(r.message()).isEqualTo("would run: systemctl restart nginx");
        });
        assertThat(told).singleElement().satisfies(n -> assertThat(n.title()).isEqualTo("[FIRING] NginxDown"));
        List<AuditEntry> alertEntries =
                audit.query(AuditQuery.builder().kind(AuditKind.ALERT).build());
        assertThat(alertEntries).singleElement().satisfies(e -> {
            assertThat(e.record().actor()).isEqualTo("alertmanager");
            assertThat(e.record().outcome()).isEqualTo("firing");
        });
        assertThat(router.externalAlerts()).hasSize(1);
    }

    @Test
    void duplicateDeliveriesActOnceAndResolutionClearsTheAlert() {
        Alert firing = am("NginxDown", AlertState.FIRING, t0, "host", "app", "severity", "critical");
        router.onAlertmanager(List.of(firing));
        assertThat(router.onAlertmanager(List.of(firing))).isZero();
        assertThat(router.onAlertmanager(List.of(firing))).isZero();
        assertThat(actions).hasSize(1);
        assertThat(router.onAlertmanager(
                        List.of(am("NginxDown", AlertState.RESOLVED, t0, "host", "app", "severity", "critical"))))
                .isEqualTo(1);
        assertThat(router.externalAlerts()).isEmpty();
        assertThat(told).extracting(Notification::title).containsExactly("[FIRING] NginxDown", "[RESOLVED] NginxDown");
        assertThat(router.onAlertmanager(List.of(am("NginxDown", AlertState.RESOLVED, t0, "host", "app"))))
                .as("resolved twice")
                .isZero();
    }

    @Test
    void silencedAlertIsAuditedButNeitherNotifiedNorRemediated() {
        String id = router.silences()
                .add(List.of(Matcher.parse("host=\"app\"")), t0, t0.plus(Duration.ofHours(1)), "alice", "deploy")
                .id();
        router.onAlertmanager(List.of(am("NginxDown", AlertState.FIRING, t0, "host", "app", "severity", "critical")));
        assertThat(actions).isEmpty();
        assertThat(told).isEmpty();
        assertThat(suppressed).containsExactly(SuppressionReason.SILENCE);
        assertThat(audit.query(AuditQuery.builder().outcome("silenced").build()))
                .singleElement()
                .satisfies(e -> assertThat(e.record().details()).containsEntry("silence", id));
        now = t0.plus(Duration.ofHours(2));
        router.onAlertmanager(List.of(am("NginxDown", AlertState.FIRING, now, "host", "app", "severity", "critical")));
        assertThat(actions).as("after the silence expired").hasSize(1);
    }

    @Test
    void criticalAlertInhibitsWarningsOnTheSameHostOnly() {
        router.onAlertmanager(
                List.of(am("InstanceDown", AlertState.FIRING, t0, "host", "app", "severity", "critical")));
        router.onAlertmanager(List.of(
                am("HighLatency", AlertState.FIRING, t0, "host", "app", "severity", "warning"),
                am("HighLatency", AlertState.FIRING, t0, "host", "monitor", "severity", "warning")));
        assertThat(suppressed).containsExactly(SuppressionReason.INHIBITED);
        assertThat(told)
                .extracting(n -> n.labels().get("host") + " " + n.title())
                .containsExactly("app [FIRING] InstanceDown", "monitor [FIRING] HighLatency");
    }

    /** Issue #15: the rule engine's active alerts were gathered (and sorted) once for each firing transition. */
    @Test
    void aRoundsTransitionsGatherTheFiringAlertsOnceAndStillInhibit() {
        List<Alert> active = new ArrayList<>();
        active.add(am("InstanceDown", AlertState.FIRING, t0, "host", "h0", "severity", "critical"));
        for (int i = 0; i < 200; i++) {
            active.add(am("HighLatency", AlertState.FIRING, t0, "host", "h" + i, "severity", "warning"));
        }
        AtomicInteger gathered = new AtomicInteger();
        AlertRouter storm = AlertRouter.builder(
                        audit,
                        clock,
                        new AlertRemediator(
                                () -> policies,
                                PolicyGate.builder(audit, clock).build(),
                                io.smartcloudops.remediate.policy.KnownHosts.of(List.of())))
                .ruleAlerts(() -> {
                    gathered.incrementAndGet();
                    return List.copyOf(active);
                })
                .notifications(told::add)
                .suppressionListener(suppressed::add)
                .build();
        storm.onTransitions(active);
        assertThat(gathered).as("once for the round, not once a transition").hasValue(1);
        assertThat(suppressed).containsExactly(SuppressionReason.INHIBITED);
        assertThat(told)
                .hasSize(200)
                .noneMatch(n -> n.title().contains("HighLatency")
                        && n.labels().get("host").equals("h0"));
    }

    @Test
    void groupsAreOrderedBySeverityThenAgeThenBreadth() {
        List<Alert> alerts = List.of(
                am("HighLatency", AlertState.FIRING, t0.plusSeconds(10), "host", "app", "severity", "warning"),
                am("HighLatency", AlertState.FIRING, t0.plusSeconds(20), "host", "monitor", "severity", "warning"),
                am("DiskSpaceLow", AlertState.FIRING, t0.plusSeconds(30), "host", "app", "severity", "critical"),
                am("HighCpuUsage", AlertState.FIRING, t0, "host", "app", "severity", "warning"));
        List<AlertGroups.Group> groups = AlertGroups.group(alerts, List.of("alertname"));
        assertThat(groups)
                .extracting(g -> g.groupLabels().get("alertname"))
                .containsExactly("DiskSpaceLow", "HighCpuUsage", "HighLatency");
        assertThat(groups.get(2).alerts()).hasSize(2);
    }

    /** Issue #13 item 9: 52,500 webhook alerts without a resolve were kept for ever (112 MB of heap). */
    @Test
    void alertmanagerAlertsNotDeliveredAgainExpireAndAreAudited() {
        router.onAlertmanager(List.of(am("DiskFull", AlertState.FIRING, t0, "host", "app", "severity", "info")));
        now = t0.plus(Duration.ofHours(4));
        assertThat(router.onAlertmanager(
                        List.of(am("DiskFull", AlertState.FIRING, t0, "host", "app", "severity", "info"))))
                .as("Alertmanager's repeat: a re-delivery, which keeps it")
                .isZero();
        now = t0.plus(Duration.ofHours(8));
        assertThat(router.externalAlerts()).hasSize(1);
        now = t0.plus(Duration.ofHours(9));
        assertThat(router.externalAlerts())
                .as("five hours after its last delivery it is gone from reads")
                .isEmpty();
        router.expireExternalAlerts();
        assertThat(audit.query(AuditQuery.builder().outcome("expired").build()))
                .singleElement()
                .satisfies(e -> assertThat(e.record().details()).containsEntry("alertname", "DiskFull"));
        assertThat(router.onAlertmanager(
                        List.of(am("DiskFull", AlertState.FIRING, t0, "host", "app", "severity", "info"))))
                .as("delivered after it expired, it is new")
                .isOne();
    }

    @Test
    void aDeliveryBeyondTheLimitIsRefusedWholeAndChangesNothing() {
        router = AlertRouter.builder(
                        audit,
                        clock,
                        new AlertRemediator(
                                () -> policies,
                                PolicyGate.builder(audit, clock).build(),
                                io.smartcloudops.remediate.policy.KnownHosts.of(List.of("app"))))
                .maxExternalAlerts(3)
                .build();
        router.onAlertmanager(
                List.of(am("A", AlertState.FIRING, t0, "host", "h1"), am("A", AlertState.FIRING, t0, "host", "h2")));
        int auditedBefore = audit.query(AuditQuery.builder().build()).size();
        List<Alert> tooMany =
                List.of(am("A", AlertState.FIRING, t0, "host", "h3"), am("A", AlertState.FIRING, t0, "host", "h4"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> router.onAlertmanager(tooMany))
                .isInstanceOf(AlertCapacityException.class)
                .hasMessageContaining("limit is 3");
        assertThat(router.externalAlerts()).hasSize(2);
        assertThat(audit.query(AuditQuery.builder().build())).hasSize(auditedBefore);
        assertThat(router.onAlertmanager(List.of(
                        am("A", AlertState.RESOLVED, t0, "host", "h1"),
                        am("A", AlertState.FIRING, t0, "host", "h3"),
                        am("A", AlertState.FIRING, t0, "host", "h4"))))
                .as("a resolve in the same delivery makes room")
                .isEqualTo(3);
        assertThat(router.externalAlerts()).hasSize(3);
    }

    /**
     * Issue #13 item 8: with the disk full a webhook alert was answered 500 yet held as firing, so
     * its re-delivery once space returned was taken as a duplicate and never remediated.
     */
    @Test
    void aDeliveryTheAuditRefusesChangesNothingAndItsRedeliveryIsProcessed() {
        AtomicBoolean full = new AtomicBoolean(true);
        io.smartcloudops.api.audit.AuditLog failing = new RefusingAudit(record -> full.get());
        PolicyGate gate = PolicyGate.builder(audit, clock)
                .cooldown(Duration.ZERO)
                .listener(actions::add)
                .action(new io.smartcloudops.remediate.action.RestartServiceAction(
                        new io.smartcloudops.remediate.action.ProcessCommandRunner(),
                        List.of("systemctl"),
                        Duration.ofSeconds(5)))
                .build();
        router = AlertRouter.builder(
                        failing,
                        clock,
                        new AlertRemediator(
                                () -> policies, gate, io.smartcloudops.remediate.policy.KnownHosts.of(List.of("app"))))
                .build();
        Alert firing = am("NginxDown", AlertState.FIRING, t0, "host", "app", "severity", "critical");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> router.onAlertmanager(List.of(firing)))
                .isInstanceOf(io.smartcloudops.api.audit.AuditException.class);
        assertThat(router.externalAlerts()).as("not audited, so not taken").isEmpty();
        assertThat(actions).isEmpty();

        full.set(false);
        assertThat(router.onAlertmanager(List.of(firing)))
                .as("the re-delivery is new, not a duplicate")
                .isOne();
        assertThat(router.externalAlerts()).hasSize(1);
        assertThat(actions).hasSize(1);

        full.set(true);
        Alert resolved = am("NginxDown", AlertState.RESOLVED, t0, "host", "app", "severity", "critical");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> router.onAlertmanager(List.of(resolved)))
                .isInstanceOf(io.smartcloudops.api.audit.AuditException.class);
        assertThat(router.externalAlerts())
                .as("a resolve that cannot be audited leaves it firing")
                .hasSize(1);
        full.set(false);
        assertThat(router.onAlertmanager(List.of(resolved))).isOne();
        assertThat(router.externalAlerts()).isEmpty();
    }

    @Test
    void whenTheAuditRefusesPartWayThroughADeliveryTheAlertsAlreadyTakenAreStillRemediated() {
        AtomicInteger appends = new AtomicInteger();
        io.smartcloudops.api.audit.AuditLog fillsUp =
                new RefusingAudit(record -> record.kind() == AuditKind.ALERT && appends.incrementAndGet() == 2);
        PolicyGate gate = PolicyGate.builder(audit, clock)
                .cooldown(Duration.ZERO)
                .listener(actions::add)
                .action(new io.smartcloudops.remediate.action.RestartServiceAction(
                        new io.smartcloudops.remediate.action.ProcessCommandRunner(),
                        List.of("systemctl"),
                        Duration.ofSeconds(5)))
                .build();
        router = AlertRouter.builder(
                        fillsUp,
                        clock,
                        new AlertRemediator(
                                () -> policies,
                                gate,
                                io.smartcloudops.remediate.policy.KnownHosts.of(List.of("app", "monitor"))))
                .build();
        List<Alert> both = List.of(
                am("NginxDown", AlertState.FIRING, t0, "host", "app", "severity", "critical"),
                am("NginxDown", AlertState.FIRING, t0, "host", "monitor", "severity", "critical"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> router.onAlertmanager(both))
                .isInstanceOf(io.smartcloudops.api.audit.AuditException.class);
        assertThat(actions)
                .as("the first alert was taken, so it is remediated now")
                .hasSize(1);
        assertThat(router.onAlertmanager(both))
                .as("the retry: the second is new, the first a duplicate")
                .isOne();
        assertThat(actions).extracting(ActionResult::target).containsExactlyInAnyOrder("app", "monitor");
    }

    @Test
    void aRoundsTransitionsAreAllAuditedBeforeAnyIsToldOrRemediated() {
        List<Long> auditedWhenTold = new ArrayList<>();
        router = AlertRouter.builder(audit, clock, new AlertRemediator(() -> policies, gateOn(audit), hosts()))
                .notifications(n -> auditedWhenTold.add((long)
                        audit.query(AuditQuery.builder().kind(AuditKind.ALERT).build())
                                .size()))
                .build();
        router.onTransitions(List.of(
                am("NginxDown", AlertState.FIRING, t0, "host", "app", "severity", "critical"),
                am("NginxDown", AlertState.FIRING, t0, "host", "monitor", "severity", "critical"),
                am("DiskFull", AlertState.FIRING, t0, "host", "app", "severity", "warning")));
        assertThat(auditedWhenTold)
                .as("all three audited before the first is told")
                .containsExactly(3L, 3L, 3L);
        assertThat(actions).hasSize(2);
    }

    @Test
    void whenTheAuditRefusesARoundsTransitionsNoneOfThemIsToldOrRemediated() {
        AtomicInteger appends = new AtomicInteger();
        io.smartcloudops.api.audit.AuditLog fillsUp =
                new RefusingAudit(record -> record.kind() == AuditKind.ALERT && appends.incrementAndGet() == 2);
        router = AlertRouter.builder(fillsUp, clock, new AlertRemediator(() -> policies, gateOn(audit), hosts()))
                .notifications(told::add)
                .build();
        List<Alert> both = List.of(
                am("NginxDown", AlertState.FIRING, t0, "host", "app", "severity", "critical"),
                am("NginxDown", AlertState.FIRING, t0, "host", "monitor", "severity", "critical"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> router.onTransitions(both))
                .isInstanceOf(io.smartcloudops.api.audit.AuditException.class);
        assertThat(told).isEmpty();
        assertThat(actions).isEmpty();
    }

    private PolicyGate gateOn(io.smartcloudops.api.audit.AuditLog log) {
        return PolicyGate.builder(log, clock)
                .cooldown(Duration.ZERO)
                .listener(actions::add)
                .action(new io.smartcloudops.remediate.action.RestartServiceAction(
                        new io.smartcloudops.remediate.action.ProcessCommandRunner(),
                        List.of("systemctl"),
                        Duration.ofSeconds(5)))
                .build();
    }

    private static io.smartcloudops.remediate.policy.KnownHosts hosts() {
        return io.smartcloudops.remediate.policy.KnownHosts.of(List.of("app", "monitor"));
    }

    /** The test's audit log, refusing the entries {@code refuses} picks as a full disk would. */
    private final class RefusingAudit implements io.smartcloudops.api.audit.AuditLog {
        private final Predicate<io.smartcloudops.api.audit.AuditRecord> refuses;

        RefusingAudit(Predicate<io.smartcloudops.api.audit.AuditRecord> refuses) {
            this.refuses = refuses;
        }

        @Override
        public AuditEntry append(io.smartcloudops.api.audit.AuditRecord record) {
            if (refuses.test(record)) {
                throw new io.smartcloudops.api.audit.AuditException(
                        "database or disk is full", new IOException("No space left on device"));
            }
            return audit.append(record);
        }

        @Override
        public List<AuditEntry> query(AuditQuery query) {
            return audit.query(query);
        }

        @Override
        public io.smartcloudops.api.audit.AuditVerification verify() {
            return audit.verify();
        }

        @Override
        public void close() {}
    }
}
