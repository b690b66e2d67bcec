package io.smartcloudops.api.action;

import java.time.Instant;
import java.util.Objects;

/**
 * An action request that waits for a principal allowed to approve it.
 *
 * @param id what {@code approve <id>} names
 */
public record PendingApproval(String id, ActionRequest request, Instant requestedAt, Instant expiresAt) {
    public PendingApproval {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
