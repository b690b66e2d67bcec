package io.smartcloudops.runtime;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How the agent's own parts are doing (the audit log, detector checkpoints, notifiers, the
 * upstream monitor), for {@code /status}: {@code ok} or what is wrong. The agent is degraded
 * while any part is not {@code ok}; it keeps serving and says so rather than failing.
 */
public final class ComponentHealth {
    public static final String OK = "ok";
    private final Map<String, String> states = new ConcurrentHashMap<>();

    public void ok(String component) {
        states.put(component, OK);
    }

    public void failing(String component, String why) {
        states.put(component, "failing: " + why);
    }

    /** @param state {@code ok}, or what is wrong */
    public void record(String component, String state) {
        if (state.equals(OK)) {
            ok(component);
        } else {
            failing(component, state);
        }
    }

    public boolean degraded() {
        return states.values().stream().anyMatch(s -> !s.equals(OK));
    }

    /** Sorted by component name. */
    public Map<String, String> snapshot() {
        return new TreeMap<>(states);
    }
}
