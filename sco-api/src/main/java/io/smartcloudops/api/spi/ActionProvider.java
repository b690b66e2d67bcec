package io.smartcloudops.api.spi;

import io.smartcloudops.api.action.RemediationAction;

/**
 * Plugs in a remediation action.
 *
 * <pre>{@code
 * public final class MyProvider implements ActionProvider {
 *     public String name() { return "mine"; }
 *     public RemediationAction create(ProviderContext context) { ... }
 * }
 * }</pre>
 */
public interface ActionProvider extends Provider {
    RemediationAction create(ProviderContext context);
}
