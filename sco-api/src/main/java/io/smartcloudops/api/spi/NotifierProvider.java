package io.smartcloudops.api.spi;

import io.smartcloudops.api.notify.Notifier;

/**
 * Plugs in a notifier.
 *
 * <pre>{@code
 * public final class MyNotifierProvider implements NotifierProvider {
 *     public String name() {
 *         return "mine";
 *     }
 *
 *     public Notifier create(ProviderContext context) {
 *         return new MyNotifier(context.config().requireString("channel"));
 *     }
 * }
 * }</pre>
 */
public interface NotifierProvider extends Provider {
    Notifier create(ProviderContext context);
}
