package io.smartcloudops.remediate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.action.ActionMode;
import io.smartcloudops.api.action.ActionOutcome;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.action.Principal;
import io.smartcloudops.api.action.Role;
import io.smartcloudops.api.action.Verification;
import io.smartcloudops.api.audit.AuditQuery;
import io.smartcloudops.api.notify.Notification;
import io.smartcloudops.remediate.audit.SqliteAuditLog;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each safety mechanism of the gate alone, and together, with a controlled clock and no real waiting. */
class PolicyGateSafetyTest {
    @TempDir
    Path dir;

    private Instant now = Instant.parse("2026-11-27T00:00:00Z");
    private final InstantSource clock = () -> now;
    private final List<Duration> waits = new ArrayList<>();
    private final List<SuppressionReason> suppressed = new ArrayList<>();
    private final List<Notification> escalated = new ArrayList<>();
    private SqliteAuditLog audit;
    private int key;

    @BeforeEach
    void open() {
        audit = SqliteAuditLog.open(dir.resolve("audit.db"), clock);
    }

    @AfterEach
    void close() {
        audit.close();
    }

    private PolicyGate.Builder gate(ScriptedAction... actions) {
        PolicyGate.Builder b = PolicyGate.builder(audit, clock)
                .mode(ActionMode.EXECUTE)
                .cooldown(Duration.ZERO)
                .sleeper(d -> {
                    waits.add(d);
                    now = now.plus(d);
                })
                .suppressionListener(suppressed::add)
                .escalationListener(escalated::add);
        for (ScriptedAction a : actions) {
            b.action(a);
        }
        return b;
    }

    private ActionRequest req(String action, String target) {
        return ActionRequest.builder(action, target)
                .requestedBy(new Principal("ops", Role.OPERATOR))
                .idempotencyKey("k" + (key++))
                .build();
    }

    @Test
    void retriableFailuresAreRetriedWithExponentialBackoffThenSucceed() {
        ScriptedAction restart = new ScriptedAction("restart", "retry", "retry", "ok");
        PolicyGate g = gate(restart)
                .retry(new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(30)))
                .build();
        assertThat(g.request(req("restart", "web")).outcome()).isEqualTo(ActionOutcome.SUCCEEDED);
        assertThat(restart.runs).containsExactly("retry", "retry", "ok");
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(audit.query(AuditQuery.builder().outcome("retrying").build()))
                .hasSize(2);
    }

    @Test
    void nonRetriableFailureIsNotRetriedAndRetriesAreBounded() {
        ScriptedAction denied = new ScriptedAction("denied", "fail");
        ScriptedAction flaky = new ScriptedAction("flaky", "retry", "retry", "retry", "retry");
        PolicyGate g = gate(denied, flaky)
                .retry(new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .build();
        assertThat(g.request(req("denied", "web")).outcome()).isEqualTo(ActionOutcome.FAILED);
        assertThat(denied.runs).hasSize(1);
        ActionResult r = g.request(req("flaky", "web"));
        assertThat(r.outcome()).isEqualTo(ActionOutcome.FAILED);
        assertThat(r.message()).contains("gave up after 3 attempts");
        assertThat(flaky.runs).hasSize(3);
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void rateLimitPerTargetAndGlobally() {
        ScriptedAction restart = new ScriptedAction("restart");
        PolicyGate g = gate(restart).rateLimits(2, 3, Duration.ofHours(1)).build();
        assertThat(g.request(req("restart", "a")).outcome()).isEqualTo(ActionOutcome.SUCCEEDED);
        assertThat(g.request(req("restart", "a")).outcome()).isEqualTo(ActionOutcome.SUCCEEDED);
        ActionResult third = g.request(req("restart", "a"));
        assertThat(third.outcome()).isEqualTo(ActionOutcome.SUPPRESSED);
        assertThat(third.message()).contains("rate limit").contains("restart/a");
        assertThat(g.request(req("restart", "b")).outcome()).isEqualTo(ActionOutcome.SUCCEEDED);
        assertThat(g.request(req("restart", "c")).message()).contains("in all");
        now = now.plus(Duration.ofMinutes(61));
        assertThat(g.request(req("restart", "a")).outcome()).isEqualTo(ActionOutcome.SUCCEEDED);
        assertThat(suppressed).containsExactly(SuppressionReason.RATE_LIMIT, SuppressionReason.RATE_LIMIT);
    }

    @Test
    void circuitOpensAfterRepeatedFailureEscalatesAndLetsOneTrialThroughLater() {
        ScriptedAction restart = new ScriptedAction("restart", "fail", "fail", "fail", "ok");
        PolicyGate g = gate(restart).circuitBreaker(3, Duration.ofMinutes(30)).build();
        for (int i = 0; i < 3; i++) {
            assertThat(g.request(req("restart", "web")).outcome()).isEqualTo(ActionOutcome.FAILED);
        }
        assertThat(escalated)
                .singleElement()
                .satisfies(n -> assertThat(n.title()).contains("keeps failing"));
        ActionResult held = g.request(req("restart", "web"));
        assertThat(held.outcome()).isEqualTo(ActionOutcome.SUPPRESSED);
        assertThat(held.message()).contains("circuit open");
        assertThat(g.request(req("restart", "other")).outcome()).isEqualTo(ActionOutcome.SUCCEEDED);
        now = now.plus(Duration.ofMinutes(31));
        assertThat(g.request(req("restart", "web")).outcome()).isEqualTo(ActionOutcome.SUCCEEDED);
        assertThat(restart.runs).containsExactly("fail", "fail", "fail", "ok", "ok");
        assertThat(suppressed).containsExactly(SuppressionReason.CIRCUIT_OPEN);
        assertThat(audit.query(AuditQuery.builder().outcome("circuit_open").build()))
                .hasSize(1);
    }

    @Test
    void failedHalfOpenTrialReopensTheCircuit() {
        ScriptedAction restart = new ScriptedAction("restart", "fail", "fail", "fail");
        PolicyGate g = gate(restart).circuitBreaker(2, Duration.ofMinutes(10)).build();
        g.request(req("restart", "web"));
        g.request(req("restart", "web"));
        now = now.plus(Duration.ofMinutes(11));
        assertThat(g.request(req("restart", "web")).outcome()).isEqualTo(ActionOutcome.FAILED);
        assertThat(g.request(req("restart", "web")).outcome()).isEqualTo(ActionOutcome.SUPPRESSED);
        assertThat(escalated).hasSize(2);
    }

    @Test
    void verificationDecidesSuccessAndItsFailureCountsTowardTheBreaker() {
        ScriptedAction restart = new ScriptedAction("restart");
        ScriptedAction health = new ScriptedAction(
                "health_check", "unhealthy", "unhealthy", "ok", "unhealthy", "unhealthy", "unhealthy");
        PolicyGate g =
                gate(restart, health).circuitBreaker(1, Duration.ofMinutes(10)).build();
        Verification v =
                new Verification(ActionRequest.builder("health_check", "web").build(), 3, Duration.ofSeconds(5));
        ActionResult ok = g.request(req("restart", "web"), Optional.of(v));
        assertThat(ok.outcome()).isEqualTo(ActionOutcome.SUCCEEDED);
        assertThat(ok.message()).contains("verified");
        assertThat(waits).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5));
        ActionResult bad = g.request(req("restart", "web"), Optional.of(v));
        assertThat(bad.outcome()).isEqualTo(ActionOutcome.FAILED);
        assertThat(bad.message()).contains("verification failed after 3 checks: status 503");
        assertThat(escalated).hasSize(1);
    }

    @Test
    void dryRunNeverVerifiesNorTripsTheBreakerAndCountsAsASuppression() {
        ScriptedAction restart = new ScriptedAction("restart");
        ScriptedAction health = new ScriptedAction("health_check", "unhealthy");
        PolicyGate g = gate(restart, health).mode(ActionMode.DRY_RUN).build();
        Verification v =
                new Verification(ActionRequest.builder("health_check", "web").build(), 3, Duration.ofSeconds(5));
        assertThat(g.request(req("restart", "web"), Optional.of(v)).outcome()).isEqualTo(ActionOutcome.DRY_RUN);
        assertThat(restart.runs).isEmpty();
        assertThat(health.runs).isEmpty();
        assertThat(suppressed).containsExactly(SuppressionReason.DRY_RUN);
    }

    @Test
    void allMechanismsTogetherKeepAFlappingAlertFromStormingATarget() {
        ScriptedAction restart = new ScriptedAction("restart", "fail", "fail", "fail", "fail", "fail", "fail");
        PolicyGate g = gate(restart)
                .cooldown(Duration.ofMinutes(5))
                .rateLimits(2, 10, Duration.ofHours(1))
                .circuitBreaker(2, Duration.ofHours(2))
                .build();
        for (int minute = 0; minute < 120; minute++) {
            g.request(req("restart", "web"));
            now = now.plus(Duration.ofMinutes(1));
        }
        assertThat(restart.runs).hasSize(2);
        assertThat(escalated).hasSize(1);
        assertThat(suppressed).contains(SuppressionReason.COOLDOWN, SuppressionReason.CIRCUIT_OPEN);
    }
}
