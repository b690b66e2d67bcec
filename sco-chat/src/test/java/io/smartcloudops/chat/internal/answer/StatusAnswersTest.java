package io.smartcloudops.chat.internal.answer;

import static io.smartcloudops.chat.internal.answer.Questions.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.chat.StatusSnapshot;
import io.smartcloudops.chat.FakeOpsView;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusAnswersTest {

    @Test
    void summarisesUptimeAlertsAnomaliesActionsAndSources() {
        Reply r = new StatusAnswers(new FakeOpsView(T0)).status();

        assertThat(r.answer())
                .isEqualTo("Agent up 3h, watching 3 series. 1 open alert(s), 1 critical: HighCpuUsage. "
                        + "1 recent anomaly, 0 recent action(s). All sources ok.");
        assertThat(r.data())
                .containsEntry("uptime", "PT3H")
                .containsEntry("seriesWatched", 3)
                .containsEntry("openAlerts", List.of("HighCpuUsage"))
                .containsEntry("criticalAlerts", 1L)
                .containsEntry("recentAnomalies", 1)
                .containsEntry("recentActions", 0)
                .containsEntry("sources", Map.of("prometheus", "ok"));
    }

    @Test
    void namesEverySourceThatIsNotOkAndSaysWhenNothingIsOpen() {
        FakeOpsView quiet = new FakeOpsView(T0) {
            @Override
            public StatusSnapshot status() {
                return new StatusSnapshot(
                        T0.minus(Duration.ofMinutes(5)),
                        Duration.ofMinutes(5),
                        0,
                        List.of(),
                        List.of(),
                        List.of(),
                        Map.of("prometheus", "OK", "cloudwatch", "throttled", "alertmanager", "down"));
            }
        };

        Reply r = new StatusAnswers(quiet).status();

        assertThat(r.answer())
                .isEqualTo("Agent up 5m, watching 0 series. No open alerts. 0 recent anomalies, 0 recent action(s)."
                        + " Source problems: alertmanager: down; cloudwatch: throttled.");
        assertThat(r.data()).containsEntry("criticalAlerts", 0L).containsEntry("openAlerts", List.of());
    }
}
