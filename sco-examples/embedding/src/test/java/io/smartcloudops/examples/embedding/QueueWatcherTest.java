package io.smartcloudops.examples.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.action.ActionOutcome;
import io.smartcloudops.api.alert.AlertState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueueWatcherTest {
    @TempDir
    Path dir;

    @Test
    void backlogBecomesAnAnomalyAnAlertAndADryRunPageThroughTheGateWithTheAuditIntact() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        QueueWatcher.Run run = QueueWatcher.run(dir, new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(run.anomalies()).as("the spike at minute 100, found by the example's own detector")
                .isNotEmpty().allSatisfy(a -> assertThat(a.detector()).isEqualTo("spike"));
        assertThat(run.alerts()).anySatisfy(a -> {
            assertThat(a.name()).isEqualTo("QueueBacklog");
            assertThat(a.state()).isEqualTo(AlertState.FIRING);
        });
        assertThat(run.actions()).anySatisfy(r -> {
            assertThat(r.action()).isEqualTo("page_oncall");
            assertThat(r.target()).isEqualTo("orders");
            assertThat(r.outcome()).isEqualTo(ActionOutcome.DRY_RUN);
        });
        assertThat(run.audit().intact()).isTrue();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("audit     intact");
    }

    @Test
    void theNormalHourRaisesNothing() {
        QueueWatcher.Run run = QueueWatcher.run(dir, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(run.anomalies()).as("only the backlog minute and its aftermath score high")
                .allSatisfy(a -> assertThat(a.timestampMillis()).isGreaterThanOrEqualTo(
                        java.time.Instant.parse("2026-12-01T08:00:00Z").plusSeconds(60L * 100).toEpochMilli()));
    }
}
