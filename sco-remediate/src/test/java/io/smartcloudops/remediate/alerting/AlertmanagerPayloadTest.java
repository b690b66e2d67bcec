package io.smartcloudops.remediate.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.alert.AlertState;
import io.smartcloudops.api.alert.Severity;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AlertmanagerPayloadTest {
    /** The shape Alertmanager's documentation gives for webhook_config, with one firing and one resolved alert. */
    static final String DOCUMENTED = """
            {
              "version": "4",
              "groupKey": "{}:{alertname=\\"NginxDown\\"}",
              "truncatedAlerts": 0,
              "status": "firing",
              "receiver": "smartcloudops",
              "groupLabels": {"alertname": "NginxDown"},
              "commonLabels": {"alertname": "NginxDown", "severity": "critical"},
              "commonAnnotations": {"summary": "nginx is down"},
              "externalURL": "http://alertmanager:9093",
              "alerts": [
                {"status": "firing", "labels": {"alertname": "NginxDown", "instance": "app:80", "severity": "critical"},
                 "annotations": {"summary": "nginx is down on app"}, "startsAt": "2026-11-27T10:00:00.123+01:00",
                 "endsAt": "0001-01-01T00:00:00Z", "generatorURL": "http://prometheus:9090/graph", "fingerprint": "c4a1"},
                {"status": "resolved", "labels": {"alertname": "HighLatency", "instance": "app:8080"},
                 "annotations": {}, "startsAt": "2026-11-27T08:00:00Z", "endsAt": "2026-11-27T08:30:00Z",
                 "generatorURL": "", "fingerprint": "77aa"}
              ]
            }
            """;

    private final AlertmanagerPayload parser = new AlertmanagerPayload();

    @Test
    void readsTheDocumentedPayload() {
        List<Alert> alerts = parser.parse(DOCUMENTED);
        assertThat(alerts).hasSize(2);
        Alert nginx = alerts.get(0);
        assertThat(nginx.name()).isEqualTo("NginxDown");
        assertThat(nginx.state()).isEqualTo(AlertState.FIRING);
        assertThat(nginx.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(nginx.activeSince()).isEqualTo(Instant.parse("2026-11-27T09:00:00.123Z"));
        assertThat(nginx.source()).isEqualTo("alertmanager");
        assertThat(nginx.annotations()).containsEntry("summary", "nginx is down on app");
        assertThat(alerts.get(1).state()).isEqualTo(AlertState.RESOLVED);
        assertThat(alerts.get(1).resolvedAt()).isEqualTo(Instant.parse("2026-11-27T08:30:00Z"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "[]",
                "{\"version\": \"3\", \"alerts\": []}",
                "{\"version\": \"4\"}",
                "{\"version\": \"4\", \"alerts\": {}}",
                "{\"version\": \"4\", \"alerts\": [1]}",
                "{\"version\": \"4\", \"alerts\": [{\"status\": \"burning\", \"labels\": {\"alertname\": \"X\"}, \"startsAt\": \"2026-01-01T00:00:00Z\"}]}",
                "{\"version\": \"4\", \"alerts\": [{\"status\": \"firing\", \"labels\": {}, \"startsAt\": \"2026-01-01T00:00:00Z\"}]}",
                "{\"version\": \"4\", \"alerts\": [{\"status\": \"firing\", \"labels\": {\"alertname\": 5}, \"startsAt\": \"2026-01-01T00:00:00Z\"}]}",
                "{\"version\": \"4\", \"alerts\": [{\"status\": \"firing\", \"labels\": {\"alertname\": \"X\", \"bad-name\": \"v\"}, \"startsAt\": \"2026-01-01T00:00:00Z\"}]}",
                "{\"version\": \"4\", \"alerts\": [{\"status\": \"firing\", \"labels\": {\"alertname\": \"X\"}, \"startsAt\": \"yesterday\"}]}",
                "{\"version\": \"4\", \"alerts\": [{\"status\": \"resolved\", \"labels\": {\"alertname\": \"X\"}, \"startsAt\": \"2026-01-01T00:00:00Z\"}]}"
            })
    void rejectsWhatAlertmanagerNeverSends(String body) {
        assertThatThrownBy(() -> parser.parse(body)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsDeeplyNestedAndOversizedPayloads() {
        String deep = "{\"version\": \"4\", \"alerts\": [], \"x\": " + "[".repeat(100) + "]".repeat(100) + "}";
        assertThatThrownBy(() -> parser.parse(deep)).hasMessageContaining("not valid JSON");
        StringBuilder many = new StringBuilder("{\"version\": \"4\", \"alerts\": [");
        for (int i = 0; i <= AlertmanagerPayload.MAX_ALERTS; i++) {
            many.append(i == 0 ? "" : ",").append("{}");
        }
        assertThatThrownBy(() -> parser.parse(many.append("]}").toString())).hasMessageContaining("limit");
    }

    @Test
    void errorNamesTheAlertIndex() {
        String body = DOCUMENTED.replace("\"status\": \"resolved\"", "\"status\": \"gone\"");
        assertThatThrownBy(() -> parser.parse(body)).hasMessageContaining("alerts[1]");
    }
}
