package io.smartcloudops.bench.detect;

import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.spi.DetectorProvider;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.api.spi.ProviderRegistry;
import java.nio.file.Path;
import java.util.List;

/** The detectors on the class path, found through the SPI exactly as the agent finds them. */
public final class DiscoveredDetectors {
    private final ProviderRegistry registry;
    private final ProviderContext context;

    public DiscoveredDetectors() {
        this.registry = ProviderRegistry.builder()
                .discover(DiscoveredDetectors.class.getClassLoader())
                .build();
        // detectors keep their state in memory; the directory is only there because the context needs one
        this.context = ProviderContext.builder()
                .dataDir(Path.of(System.getProperty("java.io.tmpdir")))
                .build();
    }

    public List<String> names() {
        return List.copyOf(registry.names(DetectorProvider.class));
    }

    public DetectorFactory factory(String name) {
        return registry.provider(DetectorProvider.class, name).create(context);
    }

    /** The factory of {@code name} configured with {@code config} (its section of the agent configuration). */
    public DetectorFactory factory(String name, ProviderConfig config) {
        return registry.provider(DetectorProvider.class, name).create(context.withConfig(config));
    }
}
