package io.smartcloudops.remediate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.action.ActionOutcome;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.alert.Severity;
import io.smartcloudops.api.audit.AuditQuery;
import io.smartcloudops.api.audit.AuditRecord;
import io.smartcloudops.api.notify.Notification;
import io.smartcloudops.remediate.audit.SqliteAuditLog;
import io.smartcloudops.remediate.state.SafetyState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EscalationTest {
    private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");

    @TempDir
    Path dir;

    private final List<Notification> sent = new ArrayList<>();

    /** Guards whose breaker opened on {@code request}'s target at T0 (one failure opens it for 30 minutes). */
    private static TargetGuards opened(ActionRequest request) {
        TargetGuards guards = new TargetGuards(
                Duration.ZERO,
                10,
                10,
                Duration.ofHours(1),
                new CircuitBreaker(1, Duration.ofMinutes(30)),
                new GateState(SafetyState.none()));
        assertThat(guards.outcome(TargetGuards.targetKey(request), ActionOutcome.FAILED, T0))
                .isTrue();
        return guards;
    }

    @Test
    void anOpenedCircuitIsAuditedAndToldWithTheTimeItReopensAndALabelCutTo200Characters() {
        String longTarget = "host-" + "x".repeat(300);
        ActionRequest request = ActionRequest.builder("restart", longTarget).build();
        ActionResult failed = ActionResult.of(request, ActionOutcome.FAILED, "exit 1", T0, Duration.ZERO);
        try (SqliteAuditLog audit = SqliteAuditLog.open(dir.resolve("audit.db"), () -> T0)) {
            new Escalation(audit, opened(request), () -> T0, sent::add).escalate(request, failed);

            AuditRecord entry = audit.query(AuditQuery.latest(1)).get(0).record();
            assertThat(entry.outcome()).isEqualTo("circuit_open");
            assertThat(entry.subject()).isEqualTo(longTarget);
            assertThat(entry.details())
                    .containsEntry("reopens_at", T0.plus(Duration.ofMinutes(30)).toString());
        }
        assertThat(sent).singleElement().satisfies(n -> {
            assertThat(n.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(n.body()).contains(longTarget).contains("exit 1").contains("open until " + T0.plusSeconds(1800));
            assertThat(n.labels().get("target")).isEqualTo(longTarget.substring(0, 200));
        });
    }

    @Test
    void peopleAreToldEvenWhenTheAuditRefusesTheEntry() {
        ActionRequest request = ActionRequest.builder("restart", "web1").build();
        ActionResult failed = ActionResult.of(request, ActionOutcome.FAILED, "exit 1", T0, Duration.ZERO);
        SqliteAuditLog audit = SqliteAuditLog.open(dir.resolve("audit.db"), () -> T0);
        audit.close();

        new Escalation(audit, opened(request), () -> T0, sent::add).escalate(request, failed);

        assertThat(sent)
                .singleElement()
                .satisfies(n -> assertThat(n.title()).isEqualTo("remediation of web1 keeps failing"));
    }
}
