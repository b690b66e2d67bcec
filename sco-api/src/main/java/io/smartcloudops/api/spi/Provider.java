package io.smartcloudops.api.spi;

/**
 * A plugin, found by {@link java.util.ServiceLoader} or registered by hand. Its name is how
 * configuration chooses it, so it must be unique among providers of one type.
 *
 * <pre>{@code
 * # META-INF/services/io.smartcloudops.api.spi.DetectorProvider
 * io.smartcloudops.api.examples.MyDetectorProvider
 * }</pre>
 */
public interface Provider {
    String name();
}
