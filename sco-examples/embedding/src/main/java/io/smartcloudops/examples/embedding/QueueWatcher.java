package io.smartcloudops.examples.embedding;

import io.smartcloudops.api.action.ActionMode;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.audit.AuditVerification;
import io.smartcloudops.api.detect.AnomalyEvent;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.runtime.Ops;
import io.smartcloudops.runtime.OpsListener;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An application that embeds the loop: it feeds the depth of its order queue from code, and the
 * loop detects the backlog with the application's own detector ({@code spike}), raises an alert
 * from a rule, and pages the on-call through the policy gate, in dry-run, with the application's
 * own action ({@code page_oncall}). Both plugins are found by {@code ServiceLoader} from this
 * jar's {@code META-INF/services}. README's "Embed it" section is this file.
 */
public final class QueueWatcher {
    static final String RULES = """
            groups:
              - name: queues
                rules:
                  - alert: QueueBacklog
                    expr: anomaly_score(queue_depth) >= 0.999
                    labels: {severity: warning}
                    annotations: {summary: 'queue {{ $labels.queue }} is backing up'}
            policies:
              - name: page the on-call
                match: ['alertname="QueueBacklog"']
                remediation: {action: page_oncall, target: '{{ $labels.queue }}'}
            """;

    /** What one run saw: the anomalies, the alert transitions, what the gate did, and the audit's verdict. */
    public record Run(List<AnomalyEvent> anomalies, List<Alert> alerts, List<ActionResult> actions, AuditVerification audit) {
    }

    private QueueWatcher() {
    }

    public static void main(String[] args) throws IOException {
        Path dataDir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("queue-watcher");
        Run run = run(dataDir, System.out);
        System.exit(run.audit().intact() && !run.actions().isEmpty() ? 0 : 1);
    }

    /** Two hours of one sample a minute on a simulated clock, with a backlog at minute 100. */
    public static Run run(Path dataDir, PrintStream out) {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T08:00:00Z"));
        List<AnomalyEvent> anomalies = new ArrayList<>();
        List<Alert> alerts = new ArrayList<>();
        List<ActionResult> actions = new ArrayList<>();
        OpsListener tell = new OpsListener() {
            @Override
            public void onAnomaly(AnomalyEvent a) {
                anomalies.add(a);
                out.println("anomaly   " + a.series() + " = " + a.value() + " (" + a.score().reason() + ")");
            }

            @Override
            public void onAlertTransition(Alert a) {
                alerts.add(a);
                out.println("alert     " + a.name() + " " + a.state() + " " + a.labels());
            }

            @Override
            public void onAction(ActionResult r) {
                actions.add(r);
                out.println("action    " + r.action() + " on " + r.target() + ": " + r.outcome() + " (" + r.message() + ")");
            }
        };
        // README:embed-start
        try (Ops ops = Ops.builder()            // plugins from the class path: ours and the built-ins
                .dataDir(dataDir)
                .clock(now::get)
                .detector("spike")              // our DetectorProvider
                .anomalyThreshold(0.999)        // about 3.3 deviations: the spike detector's score is a probability
                .action("page_oncall", Map.of()) // our ActionProvider, with its settings
                .rules("queue-rules.yml", RULES)
                .mode(ActionMode.DRY_RUN)       // the gate describes what it would do, and audits it
                .notifiers(Map.of())
                .listener(tell)
                .build()) {
            SeriesId orders = SeriesId.of("queue_depth", Labels.of("queue", "orders"));
            Instant start = now.get();
            for (int minute = 0; minute < 120; minute++) {
                now.set(start.plusSeconds(60L * minute));
                double depth = minute == 100 ? 900 : 40 + minute % 7;
                ops.ingest(new Sample(orders, now.get().toEpochMilli(), depth));
                ops.runOnce(now.get());         // rules, alerts, the gate
            }
            AuditVerification audit = ops.audit().verify();
            out.println("audit     " + (audit.intact() ? "intact" : "BROKEN") + ", " + audit.entries() + " entries");
            // README:embed-end
            return new Run(List.copyOf(anomalies), List.copyOf(alerts), List.copyOf(actions), audit);
        }
    }
}
