package io.smartcloudops.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcloudops.api.ProviderException;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.api.spi.fixtures.EchoDetectorProvider;
import io.smartcloudops.api.spi.fixtures.GoodSourceProvider;
import io.smartcloudops.api.spi.fixtures.TwinANotifierProvider;
import org.junit.jupiter.api.Test;

class ProviderRegistryTest {
    private final ClassLoader loader = getClass().getClassLoader();

    @Test
    void discoversAPluginThatOnlyTestResourcesDeclare() {
        ProviderRegistry registry = ProviderRegistry.builder().discover(loader).build();
        DetectorProvider echo = registry.provider(DetectorProvider.class, "echo");
        var detector = echo.create(ProviderContext.builder().build())
                .create(SeriesId.of("x"), io.smartcloudops.api.detect.DetectorSettings.defaults());
        assertThat(detector.update(new Sample(SeriesId.of("x"), 1, 0.25)).value())
                .isEqualTo(0.25);
    }

    @Test
    void brokenPluginIsReportedAndTheOthersStillLoad() {
        ProviderRegistry registry = ProviderRegistry.builder().discover(loader).build();
        assertThat(registry.names(MetricSourceProvider.class)).containsExactly("good");
        assertThat(registry.problems())
                .extracting(ProviderProblem::description)
                .anySatisfy(d -> assertThat(d).contains("BrokenSourceProvider"))
                .anySatisfy(d -> assertThat(d).contains("com.example.DoesNotExist"));
    }

    @Test
    void twoPluginsWithOneNameMakeItAmbiguousNamingBothClasses() {
        ProviderRegistry registry = ProviderRegistry.builder().discover(loader).build();
        assertThatThrownBy(() -> registry.provider(NotifierProvider.class, "twin"))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("TwinANotifierProvider")
                .hasMessageContaining("TwinBNotifierProvider");
        assertThat(registry.providers(NotifierProvider.class)).isEmpty();
    }

    @Test
    void unknownNameListsWhatIsAvailable() {
        ProviderRegistry registry = ProviderRegistry.builder().discover(loader).build();
        assertThatThrownBy(() -> registry.provider(DetectorProvider.class, "nope"))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("no DetectorProvider named 'nope'")
                .hasMessageContaining("[echo]");
    }

    @Test
    void explicitRegistrationWinsOverDiscoveryAndResolvesAmbiguity() {
        TwinANotifierProvider chosen = new TwinANotifierProvider();
        ProviderRegistry registry = ProviderRegistry.builder()
                .register(NotifierProvider.class, chosen)
                .discover(loader)
                .build();
        assertThat(registry.provider(NotifierProvider.class, "twin")).isSameAs(chosen);
    }

    @Test
    void registeringTwoInstancesUnderOneNameFailsAtOnce() {
        ProviderRegistry.Builder b =
                ProviderRegistry.builder().register(MetricSourceProvider.class, new GoodSourceProvider());
        assertThatThrownBy(() -> b.register(MetricSourceProvider.class, new GoodSourceProvider()))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("good");
    }

    @Test
    void twoRegistriesInOneJvmAreIndependent() {
        ProviderRegistry withEcho = ProviderRegistry.builder()
                .register(DetectorProvider.class, new EchoDetectorProvider())
                .build();
        ProviderRegistry empty = ProviderRegistry.builder().build();
        assertThat(withEcho.names(DetectorProvider.class)).containsExactly("echo");
        assertThat(empty.names(DetectorProvider.class)).isEmpty();
    }
}
