package io.smartcloudops.examples.embedding;

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
import java.util.Set;

/** {@code page_oncall}: the example's own action, registered in {@code META-INF/services}. */
public final class PageOnCallProvider implements ActionProvider {
    @Override
    public String name() {
        return "page_oncall";
    }

    @Override
    public RemediationAction create(ProviderContext context) {
        context.config().requireOnly(Set.of());
        return new RemediationAction() {
            @Override
            public String name() {
                return "page_oncall";
            }

            @Override
            public String description() {
                return "pages the on-call engineer about a queue";
            }

            @Override
            public List<ParameterSpec> parameters() {
                return List.of();
            }

            @Override
            public ActionResult execute(ActionRequest request, ActionMode mode, Instant now) {
                // a real application would call its paging service here, in EXECUTE only
                String what = "the on-call about queue " + request.target();
                return mode == ActionMode.DRY_RUN
                        ? ActionResult.of(request, ActionOutcome.DRY_RUN, "would page " + what, now, Duration.ZERO)
                        : ActionResult.of(request, ActionOutcome.SUCCEEDED, "paged " + what, now, Duration.ZERO);
            }
        };
    }
}
