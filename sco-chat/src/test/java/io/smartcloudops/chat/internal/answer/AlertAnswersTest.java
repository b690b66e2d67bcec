package io.smartcloudops.chat.internal.answer;

import static io.smartcloudops.chat.internal.answer.Questions.T0;
import static io.smartcloudops.chat.internal.answer.Questions.ask;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.HOST;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.SERVICE;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.SEVERITY;
import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.alert.AlertState;
import io.smartcloudops.api.alert.Severity;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.chat.FakeOpsView;
import io.smartcloudops.chat.internal.nlu.Intent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AlertAnswersTest {

    private final AlertAnswers answers = new AlertAnswers(new FakeOpsView(T0));

    @Test
    void listsEachOpenAlertWithSeverityStateLabelsAndSummary() {
        Labels labels = Labels.of("alertname", "HighCpuUsage", "host", "app-1");

        Reply r = answers.alerts(ask(Intent.ALERTS, SEVERITY, "critical"));

        assertThat(r.answer())
                .isEqualTo("1 open critical alerts:\n- [critical] HighCpuUsage firing since 2026-11-27T09:48:00Z "
                        + labels + ": CPU above 90% for 5m");
        assertThat(r.data())
                .containsEntry("total", 1)
                .containsEntry(
                        "alerts",
                        List.of(Map.of(
                                "name",
                                "HighCpuUsage",
                                "severity",
                                "critical",
                                "state",
                                "FIRING",
                                "labels",
                                labels.asMap(),
                                "activeSince",
                                "2026-11-27T09:48:00Z")));
    }

    @Test
    void saysNoneOpenForAnotherSeverityHostOrService() {
        assertThat(answers.alerts(ask(Intent.ALERTS, SEVERITY, "warning")))
                .isEqualTo(Reply.of("No open warning alerts.", Map.of("alerts", List.of())));
        assertThat(answers.alerts(ask(Intent.ALERTS, HOST, "mon-1")).answer()).isEqualTo("No open alerts.");
        assertThat(answers.alerts(ask(Intent.ALERTS, SERVICE, "nginx")).answer())
                .isEqualTo("No open alerts.");
        assertThat(answers.alerts(ask(Intent.ALERTS, HOST, "app-1")).data()).containsEntry("total", 1);
    }

    @Test
    void listsTenAndCountsAll() {
        List<Alert> twelve = IntStream.range(0, 12)
                .mapToObj(i -> new Alert(
                        "DiskFull" + i,
                        Labels.of("host", "app-1"),
                        Map.of(),
                        AlertState.PENDING,
                        Severity.WARNING,
                        T0.minus(Duration.ofMinutes(i)),
                        T0,
                        null,
                        91.0,
                        "rules"))
                .toList();
        AlertAnswers many = new AlertAnswers(new FakeOpsView(T0) {
            @Override
            public List<Alert> alerts() {
                return twelve;
            }
        });

        Reply r = many.alerts(ask(Intent.ALERTS));

        assertThat(r.answer()).startsWith("12 open alerts:\n- [warning] DiskFull0 pending since ");
        assertThat(r.answer().lines().filter(l -> l.startsWith("- "))).hasSize(10);
        assertThat((List<?>) r.data().get("alerts")).hasSize(10);
        assertThat(r.data()).containsEntry("total", 12);
    }
}
