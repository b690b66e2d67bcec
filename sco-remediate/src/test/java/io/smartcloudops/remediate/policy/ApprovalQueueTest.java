package io.smartcloudops.remediate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.PendingApproval;
import io.smartcloudops.api.action.Principal;
import io.smartcloudops.api.action.Role;
import io.smartcloudops.api.action.Verification;
import io.smartcloudops.remediate.state.SafetyState;
import io.smartcloudops.remediate.state.SqliteSafetyState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApprovalQueueTest {
    @TempDir
    Path dir;

    private final Instant now = Instant.parse("2026-11-27T00:00:00Z");
    private final Principal alice = new Principal("alice", Role.OPERATOR);
    private final ActionRequest reboot =
            ActionRequest.builder("reboot", "app").requestedBy(alice).build();
    private final Verification check =
            new Verification(ActionRequest.builder("health_check", "app").build(), 3, Duration.ofSeconds(5));

    @Test
    void aQueuedApprovalIsListedUntilItExpiresAndIsTakenOnceWithItsVerification() {
        try (SqliteSafetyState stored = SqliteSafetyState.open(dir.resolve("state.db"), () -> now)) {
            ApprovalQueue queue = new ApprovalQueue(new GateState(stored), Duration.ofMinutes(30), true);
            PendingApproval p = queue.enqueue(reboot, Optional.of(check), now);

            assertThat(p.expiresAt()).isEqualTo(now.plus(Duration.ofMinutes(30)));
            assertThat(queue.pending(now)).containsExactly(p);
            assertThat(queue.pending(now.plus(Duration.ofMinutes(31)))).isEmpty();
            assertThat(queue.get(p.id())).isEqualTo(p); // expired approvals are still found, to say so

            assertThat(queue.take(p.id())).contains(check);
            assertThat(queue.get(p.id())).isNull();
            assertThat(queue.take(p.id())).isEmpty();
        }
    }

    @Test
    void aRestartedQueueHasTheStoredApprovalsButNotTheTakenOnes() {
        Path file = dir.resolve("state.db");
        String kept;
        try (SqliteSafetyState stored = SqliteSafetyState.open(file, () -> now)) {
            ApprovalQueue queue = new ApprovalQueue(new GateState(stored), Duration.ofMinutes(30), true);
            kept = queue.enqueue(reboot, Optional.of(check), now).id();
            queue.take(queue.enqueue(reboot, Optional.empty(), now).id());
        }
        try (SqliteSafetyState stored = SqliteSafetyState.open(file, () -> now)) {
            ApprovalQueue queue = new ApprovalQueue(new GateState(stored), Duration.ofMinutes(30), true);
            queue.restore(now);
            assertThat(queue.pending(now)).extracting(PendingApproval::id).containsExactly(kept);
            assertThat(queue.take(kept)).contains(check);
        }
    }

    @Test
    void whoAskedMayNotApproveUnderFourEyesHoweverTheyCameInNorMayViewersOrTheSystem() {
        ApprovalQueue fourEyes = new ApprovalQueue(new GateState(SafetyState.none()), Duration.ofMinutes(30), true);
        PendingApproval p = fourEyes.enqueue(reboot, Optional.empty(), now);

        assertThat(fourEyes.refusal(p, new Principal("Alice@app", Role.ADMIN))).contains("four eyes");
        assertThat(fourEyes.refusal(p, Principal.anonymousViewer())).contains("may not approve");
        assertThat(fourEyes.refusal(p, new Principal("system", Role.ADMIN))).contains("may not approve");
        assertThat(fourEyes.refusal(p, new Principal("bob", Role.OPERATOR))).isNull();

        ApprovalQueue single = new ApprovalQueue(new GateState(SafetyState.none()), Duration.ofMinutes(30), false);
        assertThat(single.refusal(single.enqueue(reboot, Optional.empty(), now), alice))
                .isNull();
    }
}
