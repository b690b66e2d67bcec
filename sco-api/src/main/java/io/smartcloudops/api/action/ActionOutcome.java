package io.smartcloudops.api.action;

import java.util.Locale;

/** How an action request ended; the {@code outcome} label of {@code sco_actions_total}. */
public enum ActionOutcome {
    /** Ran and its verification passed. */
    SUCCEEDED,
    /** Ran (or tried to) and failed. */
    FAILED,
    /** Recorded what it would do; nothing changed. */
    DRY_RUN,
    /** Held back by the policy gate (cooldown, rate limit, circuit open, duplicate). */
    SUPPRESSED,
    /** Waits for a principal allowed to approve it. */
    PENDING_APPROVAL,
    /** Refused: unknown action, invalid parameters, not permitted. */
    REJECTED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
