package io.smartcloudops.chat.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ArgumentSlotsTest {

    @Test
    void normalisesModelArgumentsWithTheOfflineVocabulary() {
        Map<String, Object> m = ArgumentSlots.normalise(Map.of(
                "service",
                "PostgreSQL",
                "host",
                "app-1",
                "metric",
                "CPU_usage",
                "span",
                "last 2 hours",
                "severity",
                "Critical",
                "level",
                "errors"));

        assertThat(m)
                .isEqualTo(Map.of(
                        "service",
                        "postgres",
                        "host",
                        "app",
                        "metric",
                        "cpu",
                        "span",
                        "PT2H",
                        "severity",
                        "critical",
                        "level",
                        "error"));
    }

    @Test
    void acceptsIsoSpansAndCountsGivenAsTextOrNumbers() {
        assertThat(ArgumentSlots.normalise(Map.of("span", "PT90M", "lines", "50", "replicas", 3)))
                .isEqualTo(Map.of("span", "PT1H30M", "lines", 50, "replicas", 3));
    }

    @Test
    void dropsArgumentsThatAreNotPlainTokens() {
        Map<String, Object> m = ArgumentSlots.normalise(Map.of(
                "service",
                "nginx; rm -rf /",
                "host",
                "$(reboot)",
                "id",
                "act 1 OR 1=1",
                "lines",
                -5,
                "metric",
                "happiness",
                "alert",
                "High Cpu Usage"));

        assertThat(m).isEqualTo(Map.of("alert", "HighCpuUsage"));
    }

    @Test
    void keepsUnknownButPlainServiceAndAlertNames() {
        assertThat(ArgumentSlots.normalise(Map.of("service", "billing-svc", "alert", "QueueStuck")))
                .isEqualTo(Map.of("service", "billing-svc", "alert", "QueueStuck"));
    }
}
