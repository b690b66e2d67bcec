package io.smartcloudops.remediate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.action.ActionMode;
import io.smartcloudops.api.action.ActionOutcome;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.action.ParameterSpec;
import io.smartcloudops.api.action.Principal;
import io.smartcloudops.api.action.RemediationAction;
import io.smartcloudops.api.action.Role;
import io.smartcloudops.api.audit.AuditEntry;
import io.smartcloudops.api.audit.AuditQuery;
import io.smartcloudops.remediate.audit.SqliteAuditLog;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyGateTest {
    @TempDir
    Path dir;

    private Instant now = Instant.parse("2026-11-27T00:00:00Z");
    private final InstantSource clock = () -> now;
    private SqliteAuditLog audit;
    private final List<String> executed = new ArrayList<>();
    private final Principal alice = new Principal("alice", Role.OPERATOR);

    /** Records what it really did, so a dry run can be shown to do nothing. */
    private final class Recording implements RemediationAction {
        private final String name;
        private final boolean destructive;

        Recording(String name, boolean destructive) {
            this.name = name;
            this.destructive = destructive;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean destructive() {
            return destructive;
        }

        @Override
        public List<ParameterSpec> parameters() {
            return List.of(ParameterSpec.optional("unit", "[a-z]+", "unit"));
        }

        @Override
        public ActionResult execute(ActionRequest r, ActionMode mode, Instant at) {
            if (mode == ActionMode.DRY_RUN) {
                return ActionResult.of(r, ActionOutcome.DRY_RUN, "would " + name, at, Duration.ZERO);
            }
            executed.add(name + ":" + r.target());
            return ActionResult.of(r, ActionOutcome.SUCCEEDED, "did " + name, at, Duration.ZERO);
        }
    }

    @BeforeEach
    void open() {
        audit = SqliteAuditLog.open(dir.resolve("audit.db"), clock);
    }

    @AfterEach
    void close() {
        audit.close();
    }

    private PolicyGate gate(ActionMode mode) {
        return PolicyGate.builder(audit, clock)
                .mode(mode)
                .cooldown(Duration.ofMinutes(5))
                .action(new Recording("restart", false))
                .action(new Recording("reboot", true))
                .build();
    }

    private ActionRequest req(String action, String target, String key) {
        return ActionRequest.builder(action, target)
                .requestedBy(alice)
                .idempotencyKey(key)
                .reason("test")
                .build();
    }

    @Test
    void dryRunIsTheDefaultAndChangesNothing() {
        PolicyGate g = PolicyGate.builder(audit, clock)
                .action(new Recording("restart", false))
                .build();
        assertThat(g.request(req("restart", "web", "k1")).outcome()).isEqualTo(ActionOutcome.DRY_RUN);
        assertThat(executed).isEmpty();
        assertThat(audit.query(AuditQuery.latest(10)))
                .extracting(e -> e.record().outcome())
                .containsExactly("dry_run", "started");
    }

    @Test
    void duplicateDeliveryNeverActsTwice() {
        PolicyGate g = gate(ActionMode.EXECUTE);
        assertThat(g.request(req("restart", "web", "fp@t")).outcome()).isEqualTo(ActionOutcome.SUCCEEDED);
        now = now.plus(Duration.ofHours(1));
        assertThat(g.request(req("restart", "web", "fp@t")).outcome()).isEqualTo(ActionOutcome.SUPPRESSED);
        assertThat(executed).containsExactly("restart:web");
    }

    @Test
    void cooldownSuppressesRepeatsOnTheSameTargetUntilItEnds() {
        PolicyGate g = gate(ActionMode.EXECUTE);
        g.request(req("restart", "web", "a"));
        now = now.plus(Duration.ofMinutes(4));
        ActionResult held = g.request(req("restart", "web", "b"));
        assertThat(held.outcome()).isEqualTo(ActionOutcome.SUPPRESSED);
        assertThat(held.message()).contains("cooldown");
        assertThat(g.request(req("restart", "db", "c")).outcome()).isEqualTo(ActionOutcome.SUCCEEDED);
        now = now.plus(Duration.ofMinutes(2));
        assertThat(g.request(req("restart", "web", "d")).outcome()).isEqualTo(ActionOutcome.SUCCEEDED);
        assertThat(executed).containsExactly("restart:web", "restart:db", "restart:web");
    }

    @Test
    void destructiveActionWaitsForApprovalByAnotherPrincipal() {
        PolicyGate g = gate(ActionMode.EXECUTE);
        ActionResult pending = g.request(req("reboot", "app", "r1"));
        assertThat(pending.outcome()).isEqualTo(ActionOutcome.PENDING_APPROVAL);
        assertThat(executed).isEmpty();
        assertThat(g.pending())
                .singleElement()
                .satisfies(p -> assertThat(p.id()).isEqualTo(pending.approvalId()));
        assertThat(g.approve(pending.approvalId(), Principal.anonymousViewer()).outcome())
                .isEqualTo(ActionOutcome.REJECTED);
        assertThat(g.approve(pending.approvalId(), new Principal("bob", Role.OPERATOR))
                        .outcome())
                .isEqualTo(ActionOutcome.SUCCEEDED);
        assertThat(executed).containsExactly("reboot:app");
        assertThat(audit.query(AuditQuery.latest(20)))
                .extracting(e -> e.record().outcome())
                .contains("approved", "pending_approval");
    }

    @Test
    void whoAskedForADestructiveActionCannotApproveItTooButAnotherOperatorCan() {
        PolicyGate g = gate(ActionMode.EXECUTE);
        String id = g.request(req("reboot", "app", "r1")).approvalId();
        ActionResult own = g.approve(id, new Principal("alice", Role.ADMIN));
        assertThat(own.outcome()).isEqualTo(ActionOutcome.REJECTED);
        assertThat(own.message()).contains("four eyes");
        // through the other host's link she is still alice
        assertThat(g.approve(id, new Principal("alice@app", Role.OPERATOR)).outcome())
                .isEqualTo(ActionOutcome.REJECTED);
        assertThat(executed).isEmpty();
        assertThat(g.pending()).extracting(p -> p.id()).containsExactly(id);
        assertThat(g.approve(id, new Principal("bob", Role.OPERATOR)).outcome()).isEqualTo(ActionOutcome.SUCCEEDED);
        assertThat(executed).containsExactly("reboot:app");
    }

    @Test
    void fourEyesCanBeSwitchedOffForASingleOperatorSite() {
        PolicyGate g = PolicyGate.builder(audit, clock)
                .mode(ActionMode.EXECUTE)
                .fourEyes(false)
                .action(new Recording("reboot", true))
                .build();
        String id = g.request(req("reboot", "app", "r1")).approvalId();
        assertThat(g.approve(id, alice).outcome()).isEqualTo(ActionOutcome.SUCCEEDED);
    }

    @Test
    void expiredApprovalCannotBeUsed() {
        PolicyGate g = gate(ActionMode.EXECUTE);
        ActionResult pending = g.request(req("reboot", "app", "r1"));
        now = now.plus(Duration.ofHours(1));
        assertThat(g.pending()).isEmpty();
        assertThat(g.approve(pending.approvalId(), new Principal("bob", Role.ADMIN))
                        .message())
                .contains("expired");
        assertThat(executed).isEmpty();
    }

    @Test
    void viewerUnknownActionAndBadParametersAreRejectedAndAudited() {
        PolicyGate g = gate(ActionMode.EXECUTE);
        ActionRequest viewer = ActionRequest.builder("restart", "web")
                .requestedBy(Principal.anonymousViewer())
                .build();
        assertThat(g.request(viewer).outcome()).isEqualTo(ActionOutcome.REJECTED);
        assertThat(g.request(req("format_disk", "web", null)).message())
                .contains("unknown action")
                .contains("[reboot, restart]");
        ActionRequest bad = ActionRequest.builder("restart", "web")
                .parameter("unit", "x; rm -rf /")
                .requestedBy(alice)
                .build();
        assertThat(g.request(bad).message()).contains("does not match");
        assertThat(executed).isEmpty();
        List<AuditEntry> entries = audit.query(AuditQuery.latest(10));
        assertThat(entries)
                .hasSize(3)
                .allSatisfy(e -> assertThat(e.record().outcome()).isEqualTo("rejected"));
    }

    @Test
    void actionThatCannotBeAuditedDoesNotRun() {
        PolicyGate g = gate(ActionMode.EXECUTE);
        audit.close();
        ActionResult r = g.request(req("restart", "web", "x"));
        assertThat(r.outcome()).isEqualTo(ActionOutcome.FAILED);
        assertThat(r.message()).contains("could not be audited");
        assertThat(executed).isEmpty();
        audit = SqliteAuditLog.open(dir.resolve("audit.db"), clock);
    }
}
