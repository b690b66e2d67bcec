package io.smartcloudops.remediate.alerting;

import io.smartcloudops.api.NonRetriableActionException;
import io.smartcloudops.api.action.ActionMode;
import io.smartcloudops.api.action.ActionOutcome;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.action.ParameterSpec;
import io.smartcloudops.api.action.RemediationAction;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.remediate.match.Matcher;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code silence_alert}: silences an alert by name for a while (parameters {@code alert} and
 * {@code duration}, default 1h, at most 30 days), so ChatOps can ask for silences through the same
 * gate as every other action. It changes the agent's own state, no target's.
 */
public final class SilenceAlertAction implements RemediationAction {
    public static final String NAME = "silence_alert";
    private static final Duration MAX = Duration.ofDays(30);

    private final Silences silences;

    public SilenceAlertAction(Silences silences) {
        this.silences = silences;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "silence an alert by name for a while";
    }

    @Override
    public boolean changesTargets() {
        return false;
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(
                ParameterSpec.required("alert", "[A-Za-z_][A-Za-z0-9_]{0,127}", "alert name"),
                ParameterSpec.optional(
                        "duration", "(PT?[0-9HMSDhmsd]+|[0-9]+(ms|s|m|h|d|w))+", "how long, e.g. 2h or PT2H"));
    }

    @Override
    public ActionResult execute(ActionRequest request, ActionMode mode, Instant now)
            throws NonRetriableActionException {
        String alert = request.parameters().get("alert");
        Duration d;
        try {
            d = ProviderConfig.parseDuration("duration", request.parameters().getOrDefault("duration", "1h"));
        } catch (RuntimeException e) {
            throw new NonRetriableActionException(e.getMessage(), e);
        }
        if (d.isZero() || d.compareTo(MAX) > 0) {
            throw new NonRetriableActionException("a silence lasts more than zero and at most 30 days, got " + d);
        }
        if (mode == ActionMode.DRY_RUN) {
            return ActionResult.of(
                    request, ActionOutcome.DRY_RUN, "would silence " + alert + " for " + d, now, Duration.ZERO);
        }
        Silence s = silences.add(
                List.of(Matcher.equal("alertname", alert)),
                now,
                now.plus(d),
                request.requestedBy().name(),
                request.reason());
        return ActionResult.of(
                request,
                ActionOutcome.SUCCEEDED,
                "silenced " + alert + " until " + s.endsAt() + " (" + s.id() + ")",
                now,
                Duration.ZERO);
    }
}
