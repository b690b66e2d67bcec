package io.smartcloudops.api.action;

import java.util.Objects;

/**
 * Who asks: a person through the API or chat, or the agent itself acting on an alert.
 *
 * <pre>{@code
 * Principal alice = new Principal("alice", Role.OPERATOR);
 * Principal agent = Principal.system();
 * }</pre>
 */
public record Principal(String name, Role role) {
    public Principal {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
    }

    /** The agent's own identity for automatic remediation. It may request but not approve. */
    public static Principal system() {
        return new Principal("system", Role.OPERATOR);
    }

    public static Principal anonymousViewer() {
        return new Principal("anonymous", Role.VIEWER);
    }
}
