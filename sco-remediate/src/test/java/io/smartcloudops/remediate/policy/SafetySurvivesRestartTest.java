package io.smartcloudops.remediate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.action.ActionMode;
import io.smartcloudops.api.action.ActionOutcome;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.action.Principal;
import io.smartcloudops.api.action.Role;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.remediate.alerting.Silences;
import io.smartcloudops.remediate.audit.SqliteAuditLog;
import io.smartcloudops.remediate.match.Matcher;
import io.smartcloudops.remediate.state.SqliteSafetyState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #13 item 12: cooldowns, rate-limit windows, idempotency keys, circuit breakers, pending
 * approvals and silences lived only in memory, so a restart forgot them. Each is checked across a
 * restart: a new gate (and silences) on the same state file, as a restarted agent builds them.
 */
class SafetySurvivesRestartTest {
    @TempDir
    Path dir;

    private Instant now = Instant.parse("2026-11-27T00:00:00Z");
    private final InstantSource clock = () -> now;
    private SqliteAuditLog audit;
    private SqliteSafetyState state;

    @BeforeEach
    void open() {
        audit = SqliteAuditLog.open(dir.resolve("audit.db"), clock);
        state = SqliteSafetyState.open(dir.resolve("state.db"), clock);
    }

    @AfterEach
    void close() {
        state.close();
        audit.close();
    }

    private void restart() {
        state.close();
        state = SqliteSafetyState.open(dir.resolve("state.db"), clock);
    }

    private PolicyGate gate(Consumer<PolicyGate.Builder> options, ScriptedAction... actions) {
        PolicyGate.Builder b = PolicyGate.builder(audit, clock)
                .mode(ActionMode.EXECUTE)
                .cooldown(Duration.ZERO)
                .state(state)
                .retry(new RetryPolicy(1, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .sleeper(d -> now = now.plus(d));
        for (ScriptedAction a : actions) {
            b.action(a);
        }
        options.accept(b);
        return b.build();
    }

    private static ActionRequest req(String target, String key) {
        return ActionRequest.builder("restart", target)
                .requestedBy(new Principal("ops", Role.OPERATOR))
                .idempotencyKey(key)
                .build();
    }

    @Test
    void aCooldownOutlivesTheRestart() {
        assertThat(gate(b -> b.cooldown(Duration.ofMinutes(5)), new ScriptedAction("restart"))
                        .request(req("web", "a"))
                        .outcome())
                .isEqualTo(ActionOutcome.SUCCEEDED);
        restart();
        now = now.plusSeconds(60);
        ScriptedAction after = new ScriptedAction("restart");
        ActionResult r = gate(b -> b.cooldown(Duration.ofMinutes(5)), after).request(req("web", "b"));
        assertThat(r.outcome()).isEqualTo(ActionOutcome.SUPPRESSED);
        assertThat(r.message()).startsWith("cooldown");
        assertThat(after.runs).isEmpty();
    }

    @Test
    void theRateLimitWindowOutlivesTheRestart() {
        assertThat(gate(b -> b.rateLimits(1, 30, Duration.ofHours(1)), new ScriptedAction("restart"))
                        .request(req("web", "a"))
                        .outcome())
                .isEqualTo(ActionOutcome.SUCCEEDED);
        restart();
        now = now.plus(Duration.ofMinutes(30));
        ActionResult r = gate(b -> b.rateLimits(1, 30, Duration.ofHours(1)), new ScriptedAction("restart"))
                .request(req("web", "b"));
        assertThat(r.message()).startsWith("rate limit");
        now = now.plus(Duration.ofMinutes(31));
        assertThat(gate(b -> b.rateLimits(1, 30, Duration.ofHours(1)), new ScriptedAction("restart"))
                        .request(req("web", "c"))
                        .outcome())
                .isEqualTo(ActionOutcome.SUCCEEDED);
    }

    @Test
    void anIdempotencyKeyIsStillADuplicateAfterTheRestart() {
        gate(b -> {}, new ScriptedAction("restart")).request(req("web", "alert-1"));
        restart();
        ActionResult r = gate(b -> {}, new ScriptedAction("restart")).request(req("web", "alert-1"));
        assertThat(r.message()).startsWith("duplicate");
    }

    @Test
    void anOpenCircuitStaysOpenAfterTheRestart() {
        PolicyGate g = gate(
                b -> b.circuitBreaker(2, Duration.ofMinutes(30)),
                new ScriptedAction("restart", "unhealthy", "unhealthy"));
        g.request(req("web", "a"));
        g.request(req("web", "b"));
        restart();
        ScriptedAction after = new ScriptedAction("restart");
        ActionResult r =
                gate(b -> b.circuitBreaker(2, Duration.ofMinutes(30)), after).request(req("web", "c"));
        assertThat(r.message()).startsWith("circuit open");
        assertThat(after.runs).isEmpty();
    }

    @Test
    void aPendingApprovalCanBeApprovedAfterTheRestartAndOnlyOnce() {
        ScriptedAction wipe = new ScriptedAction("restart");
        wipe.destructive = true;
        String id = gate(b -> {}, wipe).request(req("db", "a")).approvalId();
        restart();
        ScriptedAction after = new ScriptedAction("restart");
        after.destructive = true;
        PolicyGate g = gate(b -> {}, after);
        assertThat(g.pending())
                .extracting(p -> p.id() + " " + p.request().target() + " "
                        + p.request().requestedBy().name())
                .containsExactly(id + " db ops");
        assertThat(g.approve(id, new Principal("bob", Role.OPERATOR)).outcome()).isEqualTo(ActionOutcome.SUCCEEDED);
        assertThat(after.runs).hasSize(1);
        restart();
        assertThat(gate(b -> {}, new ScriptedAction("restart")).pending()).isEmpty();
    }

    @Test
    void silencesOutliveTheRestartAndAnExpiredOneStaysGone() {
        Silences before = new Silences(state, now);
        String kept = before.add(
                        List.of(Matcher.parse("host=\"app\"")),
                        now,
                        now.plus(Duration.ofHours(1)),
                        "alice",
                        "maintenance")
                .id();
        String expired = before.add(
                        List.of(Matcher.parse("host=\"db\"")), now, now.plus(Duration.ofHours(1)), "alice", "")
                .id();
        before.expire(expired);
        restart();
        Silences after = new Silences(state, now.plusSeconds(60));
        assertThat(after.active(now.plusSeconds(60)))
                .extracting(s -> s.id() + " " + s.createdBy() + " " + s.matchers())
                .containsExactly(kept + " alice [host=\"app\"]");
        assertThat(after.muting(Labels.of("host", "app"), now.plusSeconds(60))).isPresent();
        restart();
        assertThat(new Silences(state, now.plus(Duration.ofHours(2))).active(now.plus(Duration.ofHours(2))))
                .isEmpty();
    }
}
