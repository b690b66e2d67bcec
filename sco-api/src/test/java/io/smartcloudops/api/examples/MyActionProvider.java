package io.smartcloudops.api.examples;

import io.smartcloudops.api.action.ActionMode;
import io.smartcloudops.api.action.ActionOutcome;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.action.ParameterSpec;
import io.smartcloudops.api.action.RemediationAction;
import io.smartcloudops.api.spi.ActionProvider;
import io.smartcloudops.api.spi.ProviderContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

// The ActionProvider example.
// tag::ActionProvider[]
public final class MyActionProvider implements ActionProvider {
    public String name() {
        return "mine";
    }

    public RemediationAction create(ProviderContext context) {
        return new MyAction(context.config().duration("timeout", Duration.ofSeconds(10)));
    }
}
// end::ActionProvider[]

/** Describes what it would do; a real one would do it within its time-out. */
final class MyAction implements RemediationAction {
    private final Duration timeout;

    MyAction(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "mine";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.required("unit", "[a-zA-Z0-9@._-]{1,64}", "systemd unit or process name"));
    }

    @Override
    public ActionResult execute(ActionRequest request, ActionMode mode, Instant now) {
        String unit = request.parameters().get("unit");
        return mode == ActionMode.DRY_RUN
                ? ActionResult.of(
                        request,
                        ActionOutcome.DRY_RUN,
                        "would act on " + unit + " within " + timeout,
                        now,
                        Duration.ZERO)
                : ActionResult.of(request, ActionOutcome.SUCCEEDED, "acted on " + unit, now, Duration.ZERO);
    }
}
