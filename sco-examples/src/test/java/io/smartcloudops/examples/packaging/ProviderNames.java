package io.smartcloudops.examples.packaging;

import io.smartcloudops.api.spi.ProviderRegistry;

/**
 * Run in a child JVM on a runner jar's class path: prints, one a line, {@code Type name} for every
 * provider the registry discovers there, then every discovery problem, so the test sees exactly
 * what a host started from that jar would find.
 */
public final class ProviderNames {
    private ProviderNames() {}

    public static void main(String[] args) {
        ProviderRegistry registry = ProviderRegistry.builder()
                .discover(ProviderNames.class.getClassLoader())
                .build();
        for (var type : ProviderRegistry.SPI_TYPES) {
            registry.names(type).forEach(name -> System.out.println(type.getSimpleName() + " " + name));
        }
        registry.problems().forEach(problem -> System.out.println("PROBLEM " + problem));
    }
}
