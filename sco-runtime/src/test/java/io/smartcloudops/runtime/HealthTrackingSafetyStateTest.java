package io.smartcloudops.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcloudops.remediate.state.SafetyState;
import io.smartcloudops.remediate.state.SafetyStateException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthTrackingSafetyStateTest {
    private boolean full;
    private final SafetyState disk = new SafetyState() {
        @Override
        public void put(String kind, String key, String value, Instant expiresAt) {
            if (full) {
                throw new SafetyStateException("cannot save " + kind + ": database or disk is full", null);
            }
        }

        @Override
        public void remove(String kind, String key) {
            put(kind, key, "", Instant.EPOCH);
        }

        @Override
        public Map<String, String> load(String kind, Instant now) {
            return Map.of();
        }
    };

    @Test
    void aRefusedWriteMarksTheHostDegradedUntilAWriteSucceedsAgain() {
        ComponentHealth health = new ComponentHealth();
        HealthTrackingSafetyState state = new HealthTrackingSafetyState(disk, health);
        assertThat(health.degraded()).isFalse();

        full = true;
        assertThatThrownBy(() -> state.put("gate.act.v1", "k", "v", Instant.EPOCH))
                .isInstanceOf(SafetyStateException.class);
        assertThat(health.degraded()).isTrue();
        assertThat(health.snapshot().get(HealthTrackingSafetyState.COMPONENT))
                .startsWith("failing")
                .contains("disk is full")
                .endsWith("actions are held back");
        assertThatThrownBy(() -> state.remove("silence.v1", "k")).isInstanceOf(SafetyStateException.class);
        assertThat(health.degraded()).isTrue();

        full = false;
        state.put("gate.act.v1", "k", "v", Instant.EPOCH);
        assertThat(health.snapshot().get(HealthTrackingSafetyState.COMPONENT)).isEqualTo(ComponentHealth.OK);
        assertThat(health.degraded()).isFalse();
    }
}
