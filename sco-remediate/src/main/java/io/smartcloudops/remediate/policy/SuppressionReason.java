package io.smartcloudops.remediate.policy;

import java.util.Locale;

/** Why a remediation did not act; the {@code reason} label of {@code sco_suppressions_total}. */
public enum SuppressionReason {
    COOLDOWN,
    RATE_LIMIT,
    CIRCUIT_OPEN,
    DUPLICATE,
    DRY_RUN,
    SILENCE,
    INHIBITED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
