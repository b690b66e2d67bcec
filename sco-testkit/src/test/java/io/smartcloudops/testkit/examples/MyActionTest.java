package io.smartcloudops.testkit.examples;

import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.RemediationAction;
import io.smartcloudops.testkit.RemediationActionContract;

// RemediationActionContract's example, run here against the examples' own action.
// tag::RemediationActionContract[]
class MyActionTest extends RemediationActionContract {
    private final FakeTarget fakeTarget = new FakeTarget();

    protected RemediationAction action() {
        return new MyAction(fakeTarget);
    }

    protected ActionRequest validRequest() {
        return ActionRequest.builder("mine", "t").build();
    }

    protected String observableState() {
        return fakeTarget.describe();
    }
}
// end::RemediationActionContract[]
