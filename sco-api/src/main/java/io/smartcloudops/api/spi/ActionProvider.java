package io.smartcloudops.api.spi;

import io.smartcloudops.api.action.RemediationAction;

/**
 * Plugs in a remediation action.
 *
 * <pre>{@code
 * public final class MyActionProvider implements ActionProvider {
 *     public String name() {
 *         return "mine";
 *     }
 *
 *     public RemediationAction create(ProviderContext context) {
 *         return new MyAction(context.config().duration("timeout", Duration.ofSeconds(10)));
 *     }
 * }
 * }</pre>
 */
public interface ActionProvider extends Provider {
    RemediationAction create(ProviderContext context);
}
