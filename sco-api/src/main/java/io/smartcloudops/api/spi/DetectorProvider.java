package io.smartcloudops.api.spi;

import io.smartcloudops.api.detect.DetectorFactory;

/**
 * Plugs in a detector factory (one detector state per series).
 *
 * <pre>{@code
 * public final class MyDetectorProvider implements DetectorProvider {
 *     public String name() {
 *         return "mine";
 *     }
 *
 *     public DetectorFactory create(ProviderContext context) {
 *         return DetectorFactory.of(
 *                 "mine", (series, settings) -> new MyDetector(context.config(), settings), MyDetector::restore);
 *     }
 * }
 * }</pre>
 */
public interface DetectorProvider extends Provider {
    DetectorFactory create(ProviderContext context);
}
