package io.smartcloudops.remediate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.action.ActionOutcome;
import io.smartcloudops.remediate.state.SafetyState;
import io.smartcloudops.remediate.state.SqliteSafetyState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetGuardsTest {
    private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");

    @TempDir
    Path dir;

    private static TargetGuards guards(SafetyState state) {
        return new TargetGuards(
                Duration.ofMinutes(5),
                2,
                3,
                Duration.ofHours(1),
                new CircuitBreaker(2, Duration.ofMinutes(30)),
                new GateState(state));
    }

    @Test
    void aCountedActHoldsItsTargetForTheCooldownAndNoOtherTarget() {
        TargetGuards g = guards(SafetyState.none());
        g.count("restart/web1", T0);
        assertThat(g.hold("restart/web1", T0.plusSeconds(60))).hasValueSatisfying(h -> {
            assertThat(h.reason()).isEqualTo(SuppressionReason.COOLDOWN);
            assertThat(h.message()).contains("restart/web1").contains("next allowed at " + T0.plusSeconds(300));
        });
        assertThat(g.hold("restart/web2", T0.plusSeconds(60))).isEmpty();
        assertThat(g.hold("restart/web1", T0.plusSeconds(301))).isEmpty();
    }

    @Test
    void theRateLimitsHoldATargetAndThenEveryTarget() {
        TargetGuards g = guards(SafetyState.none());
        g.count("restart/a", T0);
        g.count("restart/a", T0.plusSeconds(600));
        assertThat(g.hold("restart/a", T0.plusSeconds(1200)))
                .hasValueSatisfying(
                        h -> assertThat(h.message()).startsWith("rate limit").endsWith("on restart/a"));
        g.count("restart/b", T0.plusSeconds(1200));
        assertThat(g.hold("restart/c", T0.plusSeconds(1800)))
                .hasValueSatisfying(h -> assertThat(h.message()).endsWith("in all"));
    }

    @Test
    void repeatedFailuresOpenTheBreakerOnceAndASuccessClosesIt() {
        TargetGuards g = guards(SafetyState.none());
        assertThat(g.outcome("restart/a", ActionOutcome.FAILED, T0)).isFalse();
        assertThat(g.outcome("restart/a", ActionOutcome.FAILED, T0.plusSeconds(1)))
                .isTrue();
        assertThat(g.hold("restart/a", T0.plusSeconds(2)))
                .hasValueSatisfying(h -> assertThat(h.reason()).isEqualTo(SuppressionReason.CIRCUIT_OPEN));
        Instant trial = g.reopensAt("restart/a").plusSeconds(1);
        assertThat(g.trialUnderWay("restart/a", trial)).isEmpty();
        assertThat(g.trialUnderWay("restart/a", trial))
                .hasValueSatisfying(h -> assertThat(h.message()).contains("trial of restart/a is under way"));
        assertThat(g.outcome("restart/a", ActionOutcome.SUCCEEDED, trial)).isFalse();
        assertThat(g.hold("restart/a", trial.plusSeconds(1))).isEmpty();
        assertThat(g.outcome("restart/a", ActionOutcome.DRY_RUN, trial)).isFalse();
    }

    @Test
    void aRestartedGateKeepsTheCooldownsAndOpenBreakersOfTheLastRun() {
        Path file = dir.resolve("safety.db");
        try (SqliteSafetyState state = SqliteSafetyState.open(file, java.time.InstantSource.fixed(T0))) {
            TargetGuards g = guards(state);
            g.keep("restart/a", T0);
            g.count("restart/a", T0);
            g.outcome("restart/b", ActionOutcome.FAILED, T0);
            g.outcome("restart/b", ActionOutcome.FAILED, T0);
        }
        try (SqliteSafetyState state = SqliteSafetyState.open(file, java.time.InstantSource.fixed(T0))) {
            TargetGuards g = guards(state);
            g.restore(T0.plusSeconds(60));
            assertThat(g.hold("restart/a", T0.plusSeconds(60)))
                    .hasValueSatisfying(h -> assertThat(h.reason()).isEqualTo(SuppressionReason.COOLDOWN));
            assertThat(g.hold("restart/b", T0.plusSeconds(60)))
                    .hasValueSatisfying(h -> assertThat(h.reason()).isEqualTo(SuppressionReason.CIRCUIT_OPEN));
        }
    }
}
