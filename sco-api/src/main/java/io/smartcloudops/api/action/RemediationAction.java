package io.smartcloudops.api.action;

import io.smartcloudops.api.ActionException;
import java.time.Instant;
import java.util.List;

/**
 * A named remediation with typed parameters. Implementations do the work only; dry-run defaults,
 * approvals, cooldowns, rate limits, retries and audit are the policy gate's job, and every call
 * reaches an action through it.
 *
 * <pre>{@code
 * final class Echo implements RemediationAction {
 *     public String name() {
 *         return "echo";
 *     }
 *
 *     public List<ParameterSpec> parameters() {
 *         return List.of();
 *     }
 *
 *     public ActionResult execute(ActionRequest r, ActionMode mode, Instant now) {
 *         return ActionResult.of(
 *                 r,
 *                 mode == ActionMode.DRY_RUN ? ActionOutcome.DRY_RUN : ActionOutcome.SUCCEEDED,
 *                 "echoed " + r.target(),
 *                 now,
 *                 Duration.ZERO);
 *     }
 * }
 * }</pre>
 */
public interface RemediationAction {

    String name();

    /** One line for people: what the action does. */
    default String description() {
        return name();
    }

    List<ParameterSpec> parameters();

    /**
     * False for actions that change no target (a health probe, a silence in the agent's own
     * state): the policy gate runs those for real even in DRY_RUN mode, since there is nothing to
     * protect and a dry-run probe would tell nothing.
     */
    default boolean changesTargets() {
        return true;
    }

    /** Destructive actions (reboot, stop, scale down) need an approval before they run. */
    default boolean destructive() {
        return false;
    }

    /**
     * Runs (EXECUTE) or describes what it would do (DRY_RUN, which must change nothing). Parameters
     * arrive validated against {@link #parameters()}.
     */
    ActionResult execute(ActionRequest request, ActionMode mode, Instant now) throws ActionException;
}
