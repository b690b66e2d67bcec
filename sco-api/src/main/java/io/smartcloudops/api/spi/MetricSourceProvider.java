package io.smartcloudops.api.spi;

import io.smartcloudops.api.source.MetricSource;

/**
 * Plugs in a source of samples.
 *
 * <pre>{@code
 * public final class MySourceProvider implements MetricSourceProvider {
 *     public String name() {
 *         return "mine";
 *     }
 *
 *     public MetricSource create(ProviderContext context) {
 *         return new MySource(context.dataDir().resolve(context.config().string("file", "queue-depth")), context.clock());
 *     }
 * }
 * }</pre>
 */
public interface MetricSourceProvider extends Provider {
    MetricSource create(ProviderContext context);
}
