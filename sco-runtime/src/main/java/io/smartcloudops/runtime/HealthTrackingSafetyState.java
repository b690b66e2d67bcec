package io.smartcloudops.runtime;

import io.smartcloudops.remediate.state.SafetyState;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gate's safety state, watched like the audit log: a write it cannot make (a full disk, a
 * read-only file system) marks the {@code safety state} component failing until a write succeeds
 * again. The failure still reaches the gate, which then does not act: an act whose cooldown could
 * not be kept would be forgotten by a restart.
 */
final class HealthTrackingSafetyState implements SafetyState {
    static final String COMPONENT = "safety state";
    private static final Logger LOG = LoggerFactory.getLogger(HealthTrackingSafetyState.class);

    private final SafetyState delegate;
    private final ComponentHealth health;
    private volatile boolean failing;

    HealthTrackingSafetyState(SafetyState delegate, ComponentHealth health) {
        this.delegate = delegate;
        this.health = health;
        health.ok(COMPONENT);
    }

    @Override
    public void put(String kind, String key, String value, Instant expiresAt) {
        watched(() -> delegate.put(kind, key, value, expiresAt));
    }

    @Override
    public void remove(String kind, String key) {
        watched(() -> delegate.remove(kind, key));
    }

    @Override
    public Map<String, String> load(String kind, Instant now) {
        return delegate.load(kind, now);
    }

    private void watched(Runnable write) {
        try {
            write.run();
            if (failing) {
                failing = false;
                health.ok(COMPONENT);
                LOG.warn("the safety state accepts writes again; actions may run");
            }
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.error(
                        "the safety state refuses writes ({}); no action runs until it accepts them again",
                        e.getMessage());
            }
            failing = true;
            health.failing(COMPONENT, e.getMessage() + "; actions are held back");
            throw e;
        }
    }
}
