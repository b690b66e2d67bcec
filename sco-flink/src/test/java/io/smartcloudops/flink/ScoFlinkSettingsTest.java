package io.smartcloudops.flink;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScoFlinkSettingsTest {
    @Test
    void refusesAStateTtlThatWouldExpireASeriesBeforeItsAlertsResolve() {
        assertThatThrownBy(() -> ScoFlink.builder()
                        .staleAfter(Duration.ofMinutes(5))
                        .stateTtl(Duration.ofMinutes(5))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("state TTL (PT5M) must be longer than staleAfter (PT5M)");
        assertThatCode(() -> ScoFlink.builder()
                        .staleAfter(Duration.ofMinutes(5))
                        .stateTtl(Duration.ofMinutes(6))
                        .build())
                .doesNotThrowAnyException();
        assertThatCode(() -> ScoFlink.builder().build()).as("no TTL").doesNotThrowAnyException();
    }
}
