package io.smartcloudops.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.action.ActionMode;
import io.smartcloudops.api.action.ActionOutcome;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.action.RemediationAction;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The contract every action plugin keeps: a dry run changes nothing and says so.
 *
 * <pre>{@code
 * class MyActionTest extends RemediationActionContract {
 *     private final FakeTarget fakeTarget = new FakeTarget();
 *
 *     protected RemediationAction action() {
 *         return new MyAction(fakeTarget);
 *     }
 *
 *     protected ActionRequest validRequest() {
 *         return ActionRequest.builder("mine", "t").build();
 *     }
 *
 *     protected String observableState() {
 *         return fakeTarget.describe();
 *     }
 * }
 * }</pre>
 */
public abstract class RemediationActionContract {
    /** For the plugin's own test class, which extends this one. */
    protected RemediationActionContract() {}

    protected abstract RemediationAction action();

    protected abstract ActionRequest validRequest();

    /** Whatever an EXECUTE would change, rendered as text, so a dry run can be shown to change nothing. */
    protected abstract String observableState() throws Exception;

    @Test
    void dryRunHasNoSideEffects() throws Exception {
        String before = observableState();
        ActionResult r = action().execute(validRequest(), ActionMode.DRY_RUN, Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(r.outcome()).isEqualTo(ActionOutcome.DRY_RUN);
        assertThat(observableState()).isEqualTo(before);
    }

    @Test
    void declaresItsParametersAndName() {
        assertThat(action().name()).isNotBlank();
        assertThat(action().parameters()).isNotNull();
        validRequest()
                .parameters()
                .keySet()
                .forEach(p -> assertThat(action().parameters())
                        .anySatisfy(spec -> assertThat(spec.name()).isEqualTo(p)));
    }
}
