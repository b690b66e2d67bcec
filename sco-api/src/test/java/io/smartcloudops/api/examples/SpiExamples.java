package io.smartcloudops.api.examples;

import io.smartcloudops.api.ScoException;
import io.smartcloudops.api.action.ActionGateway;
import io.smartcloudops.api.chat.ChatEngine;
import io.smartcloudops.api.chat.OpsView;
import io.smartcloudops.api.metric.SampleBatch;
import io.smartcloudops.api.source.MetricSource;
import io.smartcloudops.api.spi.ChatEngineProvider;
import io.smartcloudops.api.spi.DetectorProvider;
import io.smartcloudops.api.spi.MetricSourceProvider;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.api.spi.ProviderRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import org.slf4j.Logger;

/**
 * The Javadoc examples of the plugin types (the provider implementations are the {@code My...Provider} classes
 * beside this one), of {@link ScoException} and of {@link MetricSource}; {@link JavadocExamplesTest} checks that
 * the Javadoc shows them as they are here. Parameters are what an example takes as given.
 */
class SpiExamples {

    void providerConfig() {
        // tag::ProviderConfig[]
        ProviderConfig c = ProviderConfig.of(Map.of("threshold", 0.9, "for", "1m"));
        double t = c.number("threshold", 0.5);
        Duration d = c.duration("for", Duration.ZERO); // "1m", "30s", "PT5M" all work
        // end::ProviderConfig[]
    }

    void providerContext() {
        // tag::ProviderContext[]
        ProviderContext ctx = ProviderContext.builder()
                .clock(InstantSource.system())
                .dataDir(Path.of("sco-data"))
                .config(ProviderConfig.of(Map.of("threshold", 0.9)))
                .build();
        // end::ProviderContext[]
    }

    void providerRegistry() {
        // tag::ProviderRegistry[]
        ProviderRegistry registry = ProviderRegistry.builder()
                .register(DetectorProvider.class, new MyDetectorProvider()) // explicit, wins
                .discover(getClass().getClassLoader()) // META-INF/services
                .build();
        DetectorProvider p = registry.provider(DetectorProvider.class, "default");
        // end::ProviderRegistry[]
    }

    void chatEngineProvider(ChatEngineProvider provider, ProviderContext context, OpsView view, ActionGateway gateway) {
        // tag::ChatEngineProvider[]
        ChatEngine engine = provider.create(context, view, gateway);
        // end::ChatEngineProvider[]
    }

    void scoException(ProviderRegistry registry, Logger log) {
        // tag::ScoException[]
        try {
            registry.provider(DetectorProvider.class, "robust");
        } catch (ScoException e) {
            log.error(e.getMessage());
        } // a ProviderException naming the available detectors
        // end::ScoException[]
    }

    void metricSource(ProviderRegistry registry, ProviderContext context) {
        // tag::MetricSource[]
        try (MetricSource source =
                registry.provider(MetricSourceProvider.class, "host").create(context)) {
            SampleBatch batch = source.poll();
        }
        // end::MetricSource[]
    }
}
