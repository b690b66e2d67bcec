package io.smartcloudops.remediate.state;

import java.time.Instant;
import java.util.Map;

/**
 * Where the gate and the silences keep what must survive a restart: silences, cooldowns and
 * rate-limit windows (as the acts that fill them), idempotency keys, circuit breakers and pending
 * approvals. Entries are grouped by kind, keyed within it, and carry the instant after which they
 * no longer matter, so a restart loads only what is still in force. A write is durable when it
 * returns; when it cannot be made, it throws {@link SafetyStateException} and the caller does not
 * go ahead with the change.
 *
 * <pre>{@code
 * try (SqliteSafetyState state = SqliteSafetyState.open(dataDir.resolve("state.db"), clock)) {
 *     PolicyGate gate = PolicyGate.builder(audit, clock).state(state).build(); // loads what is in force
 *     Silences silences = new Silences(state, clock.instant());
 * }
 * }</pre>
 */
public interface SafetyState {
    /** Stores (or replaces) an entry; durable on return. */
    void put(String kind, String key, String value, Instant expiresAt);

    /** Forgets an entry, if there is one. */
    void remove(String kind, String key);

    /** The entries of one kind that have not expired at {@code now}, by key. */
    Map<String, String> load(String kind, Instant now);

    /** Keeps nothing: a loop without a data directory, and unit tests. A restart forgets all. */
    static SafetyState none() {
        return new SafetyState() {
            @Override
            public void put(String kind, String key, String value, Instant expiresAt) {}

            @Override
            public void remove(String kind, String key) {}

            @Override
            public Map<String, String> load(String kind, Instant now) {
                return Map.of();
            }
        };
    }
}
