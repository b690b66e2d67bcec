package io.smartcloudops.api.action;

import java.time.Duration;
import java.util.Objects;

/**
 * The check that decides whether an executed action worked: usually a {@code health_check}
 * request, tried up to {@code attempts} times {@code interval} apart (a restarted service needs a
 * moment to come up).
 */
public record Verification(ActionRequest check, int attempts, Duration interval) {
    public Verification {
        Objects.requireNonNull(check, "check");
        if (attempts < 1 || attempts > 60) {
            throw new IllegalArgumentException("verification attempts must be in [1, 60], got " + attempts);
        }
    }
}
