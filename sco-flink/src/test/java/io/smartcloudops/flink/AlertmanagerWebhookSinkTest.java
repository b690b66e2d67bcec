package io.smartcloudops.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.alert.AlertState;
import io.smartcloudops.api.alert.Severity;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.remediate.alerting.AlertmanagerPayload;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertmanagerWebhookSinkTest {
    private static final Instant T = Instant.parse("2026-12-04T06:00:00Z");

    @Test
    void payloadIsWhatTheAgentsWebhookReadsWithFingerprintAndStartsAt() {
        Alert firing = new Alert(
                        "HighLoad",
                        Labels.of("alertname", "HighLoad", "host", "h1", "severity", "critical"),
                        Map.of("summary", "load 95 on h1"),
                        AlertState.PENDING,
                        Severity.CRITICAL,
                        T,
                        null,
                        null,
                        95,
                        "rules")
                .withState(AlertState.FIRING, T.plusSeconds(180));
        String body = AlertmanagerWebhookSink.payload(firing);
        assertThat(body)
                .contains("\"fingerprint\":\"" + firing.fingerprint() + "\"", "\"startsAt\":\"2026-12-04T06:03:00Z\"");
        List<Alert> read = new AlertmanagerPayload().parse(body);
        assertThat(read).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertState.FIRING);
            assertThat(a.labels()).isEqualTo(firing.labels());
            assertThat(a.annotations()).isEqualTo(firing.annotations());
        });

        Alert resolved = firing.withState(AlertState.RESOLVED, T.plusSeconds(600));
        List<Alert> back = new AlertmanagerPayload().parse(AlertmanagerWebhookSink.payload(resolved));
        assertThat(back).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertState.RESOLVED);
            assertThat(a.activeSince()).isEqualTo(T.plusSeconds(180));
            assertThat(a.resolvedAt()).isEqualTo(T.plusSeconds(600));
        });
    }
}
