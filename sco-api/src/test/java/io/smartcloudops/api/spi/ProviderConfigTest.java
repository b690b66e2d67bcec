package io.smartcloudops.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcloudops.api.ConfigException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProviderConfigTest {

    @Test
    void parsesPrometheusAndIsoDurations() {
        assertThat(ProviderConfig.parseDuration("x", "90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(ProviderConfig.parseDuration("x", "1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(ProviderConfig.parseDuration("x", "2w")).isEqualTo(Duration.ofDays(14));
        assertThat(ProviderConfig.parseDuration("x", "250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(ProviderConfig.parseDuration("x", "PT5M")).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void rejectsMalformedDurationNamingTheSetting() {
        for (String bad : new String[] {"", "5", "m5", "5 m", "1h30", "PTX", "5y"}) {
            assertThatThrownBy(() -> ProviderConfig.parseDuration("rules.for", bad))
                    .as(bad)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("rules.for");
        }
    }

    @Test
    void typedGettersNameThePathAndTheExpectedType() {
        ProviderConfig c = ProviderConfig.of(
                "sources.host", Map.of("interval", "soon", "limit", 2.5, "on", "maybe", "nested", Map.of("a", 1)));
        assertThatThrownBy(() -> c.duration("interval", Duration.ZERO)).hasMessageContaining("sources.host.interval");
        assertThatThrownBy(() -> c.integer("limit", 0)).hasMessageContaining("whole number");
        assertThatThrownBy(() -> c.bool("on", false)).hasMessageContaining("true or false");
        assertThat(c.section("nested").integer("a", 0)).isEqualTo(1);
        assertThatThrownBy(() -> c.section("limit")).hasMessageContaining("section");
        assertThatThrownBy(() -> c.requireString("missing")).hasMessageContaining("sources.host.missing");
    }

    @Test
    void requireOnlyNamesUnknownAndKnownKeys() {
        ProviderConfig c = ProviderConfig.of(Map.of("threshold", 1, "treshold", 2));
        assertThatThrownBy(() -> c.requireOnly(Set.of("threshold")))
                .hasMessageContaining("treshold")
                .hasMessageContaining("known here: [threshold]");
    }
}
