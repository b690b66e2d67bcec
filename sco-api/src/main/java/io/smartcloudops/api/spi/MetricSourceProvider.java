package io.smartcloudops.api.spi;

import io.smartcloudops.api.source.MetricSource;

/**
 * Plugs in a source of samples.
 *
 * <pre>{@code
 * public final class MyProvider implements MetricSourceProvider {
 *     public String name() { return "mine"; }
 *     public MetricSource create(ProviderContext context) { ... }
 * }
 * }</pre>
 */
public interface MetricSourceProvider extends Provider {
    MetricSource create(ProviderContext context);
}
