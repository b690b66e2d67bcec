package io.smartcloudops.remediate.policy;

import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.action.RemediationAction;
import io.smartcloudops.api.action.Verification;
import java.time.Instant;
import java.util.Optional;

/** What the {@link PolicyGate}'s deciding came to: a result now, or an action to run outside its monitor. */
record Decision(ActionResult result, Decision.Run run) {
    static Decision done(ActionResult r) {
        return new Decision(r, null);
    }

    /** An action that passed every check, was audited as started and counted against its limits. */
    record Run(RemediationAction action, ActionRequest request, Optional<Verification> verification, Instant now) {}
}
