package io.smartcloudops.remediate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.action.ActionMode;
import io.smartcloudops.api.action.ActionOutcome;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.action.Principal;
import io.smartcloudops.api.action.Role;
import io.smartcloudops.api.audit.AuditQuery;
import io.smartcloudops.api.audit.AuditRecord;
import io.smartcloudops.remediate.audit.SqliteAuditLog;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateOutcomesTest {
    private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");

    @TempDir
    Path dir;

    private final List<ActionResult> told = new ArrayList<>();
    private final List<SuppressionReason> counted = new ArrayList<>();

    private static ActionRequest request() {
        return ActionRequest.builder("restart", "web1")
                .parameter("unit", "nginx")
                .idempotencyKey("alert-7")
                .reason("high latency")
                .requestedBy(new Principal("alice", Role.OPERATOR))
                .build();
    }

    @Test
    void anOutcomeIsAuditedWithTheModeParametersAndKeyThenTold() {
        try (SqliteAuditLog audit = SqliteAuditLog.open(dir.resolve("audit.db"), () -> T0)) {
            GateOutcomes outcomes = new GateOutcomes(audit, ActionMode.EXECUTE, told::add, counted::add);
            ActionResult r = outcomes.suppressed(request(), SuppressionReason.COOLDOWN, "cooldown: web1", T0);

            AuditRecord entry = audit.query(AuditQuery.latest(1)).get(0).record();
            assertThat(entry.actor()).isEqualTo("alice");
            assertThat(entry.outcome()).isEqualTo(ActionOutcome.SUPPRESSED.label());
            assertThat(entry.reason()).isEqualTo("high latency");
            assertThat(entry.details())
                    .containsEntry("mode", "execute")
                    .containsEntry("unit", "nginx")
                    .containsEntry("idempotency_key", "alert-7")
                    .containsEntry("message", "cooldown: web1")
                    .containsEntry("took_ms", "0");
            assertThat(told).containsExactly(r);
            assertThat(counted).containsExactly(SuppressionReason.COOLDOWN);
        }
    }

    @Test
    void anOutcomeTheAuditRefusesIsStillToldAndSaysItWasNotAudited() {
        SqliteAuditLog audit = SqliteAuditLog.open(dir.resolve("audit.db"), () -> T0);
        GateOutcomes outcomes = new GateOutcomes(audit, ActionMode.DRY_RUN, told::add, counted::add);
        audit.close();

        ActionResult r = outcomes.finish(request(), ActionOutcome.FAILED, "unit failed", T0, Duration.ofSeconds(2));

        assertThat(r.outcome()).isEqualTo(ActionOutcome.FAILED);
        assertThat(r.took()).isEqualTo(Duration.ofSeconds(2));
        assertThat(r.message()).startsWith("unit failed (outcome not audited: ");
        assertThat(told).containsExactly(r);
    }
}
