package io.smartcloudops.api.action;

/** What a principal may do. Ordered: each role may do what the ones before it may. */
public enum Role {
    VIEWER,
    OPERATOR,
    ADMIN;

    public boolean atLeast(Role other) {
        return compareTo(other) >= 0;
    }
}
