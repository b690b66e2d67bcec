package io.smartcloudops.api.spi;

import io.smartcloudops.api.detect.DetectorFactory;

/**
 * Plugs in a detector factory (one detector state per series).
 *
 * <pre>{@code
 * public final class MyProvider implements DetectorProvider {
 *     public String name() { return "mine"; }
 *     public DetectorFactory create(ProviderContext context) { ... }
 * }
 * }</pre>
 */
public interface DetectorProvider extends Provider {
    DetectorFactory create(ProviderContext context);
}
