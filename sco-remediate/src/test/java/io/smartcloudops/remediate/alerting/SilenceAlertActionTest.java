package io.smartcloudops.remediate.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcloudops.api.NonRetriableActionException;
import io.smartcloudops.api.action.ActionMode;
import io.smartcloudops.api.action.ActionOutcome;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.Principal;
import io.smartcloudops.api.action.RemediationAction;
import io.smartcloudops.api.action.Role;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.remediate.audit.SqliteAuditLog;
import io.smartcloudops.remediate.policy.PolicyGate;
import io.smartcloudops.testkit.RemediationActionContract;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SilenceAlertActionTest extends RemediationActionContract {
    private final Silences silences = new Silences();
    private final Instant now = Instant.parse("2026-11-27T00:00:00Z");

    @TempDir
    Path dir;

    @Override
    protected RemediationAction action() {
        return new SilenceAlertAction(silences);
    }

    @Override
    protected ActionRequest validRequest() {
        return ActionRequest.builder("silence_alert", "HighCpuUsage")
                .parameter("alert", "HighCpuUsage")
                .parameter("duration", "2h")
                .build();
    }

    @Override
    protected String observableState() {
        return silences.active(now).toString();
    }

    @Test
    void silencesTheNamedAlertForTheDuration() {
        var r = action().execute(validRequest(), ActionMode.EXECUTE, now);
        assertThat(r.outcome()).isEqualTo(ActionOutcome.SUCCEEDED);
        assertThat(silences.muting(Labels.of("alertname", "HighCpuUsage"), now.plusSeconds(7_000)))
                .isPresent();
        assertThat(silences.muting(Labels.of("alertname", "HighCpuUsage"), now.plusSeconds(7_300)))
                .isEmpty();
        assertThat(silences.muting(Labels.of("alertname", "DiskSpaceLow"), now)).isEmpty();
    }

    @Test
    void refusesZeroOrEndlessSilences() {
        ActionRequest forever = ActionRequest.builder("silence_alert", "X")
                .parameter("alert", "X")
                .parameter("duration", "400d")
                .build();
        assertThatThrownBy(() -> action().execute(forever, ActionMode.EXECUTE, now))
                .isInstanceOf(NonRetriableActionException.class);
        ActionRequest zero = ActionRequest.builder("silence_alert", "X")
                .parameter("alert", "X")
                .parameter("duration", "0s")
                .build();
        assertThatThrownBy(() -> action().execute(zero, ActionMode.EXECUTE, now))
                .isInstanceOf(NonRetriableActionException.class);
    }

    @Test
    void gateInDryRunStillAppliesActionsThatChangeNoTarget() {
        try (SqliteAuditLog audit = SqliteAuditLog.open(dir.resolve("a.db"), () -> now)) {
            PolicyGate gate =
                    PolicyGate.builder(audit, () -> now).action(action()).build();
            ActionRequest r = ActionRequest.builder("silence_alert", "HighCpuUsage")
                    .parameter("alert", "HighCpuUsage")
                    .requestedBy(new Principal("alice", Role.OPERATOR))
                    .build();
            assertThat(gate.request(r).outcome()).isEqualTo(ActionOutcome.SUCCEEDED);
            assertThat(silences.active(now)).hasSize(1);
        }
    }
}
