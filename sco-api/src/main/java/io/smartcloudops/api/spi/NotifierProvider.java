package io.smartcloudops.api.spi;

import io.smartcloudops.api.notify.Notifier;

/**
 * Plugs in a notifier.
 *
 * <pre>{@code
 * public final class MyProvider implements NotifierProvider {
 *     public String name() { return "mine"; }
 *     public Notifier create(ProviderContext context) { ... }
 * }
 * }</pre>
 */
public interface NotifierProvider extends Provider {
    Notifier create(ProviderContext context);
}
