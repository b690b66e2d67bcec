package io.smartcloudops.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.alert.AlertState;
import io.smartcloudops.api.audit.AuditEntry;
import io.smartcloudops.api.audit.AuditKind;
import io.smartcloudops.api.audit.AuditQuery;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.detect.pipeline.SampleVerdict;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Series that come and go (containers) leave nothing behind in the rules once the loop forgets them. */
class OpsSeriesChurnTest {
    private static final String RULES = """
            groups:
              - name: churn
                rules:
                  - alert: HighLoad
                    expr: pod_load > 50
                  - alert: LoadForAnHour
                    expr: pod_load > 50
                    for: 1h
            """;
    /** Shorter than the rule engine's five-minute staleness: the series is gone before it is stale. */
    private static final Duration IDLE = Duration.ofMinutes(2);

    /** Room for the live series and those idle but not yet swept, a tenth of all that come and go. */
    private static final int LIMIT = 100;

    private static final int GENERATIONS = 200;
    private static final int PODS = 5;
    /** Each generation reports for a minute (four 15 s rounds), then is never seen again. */
    private static final int LIFE_ROUNDS = 4;

    @TempDir
    Path dir;

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T00:00:00Z"));

    private static SeriesId pod(int generation, int k) {
        return SeriesId.of("pod_load", Labels.of("pod", "p" + generation + "-" + k));
    }

    @Test
    void churnedSeriesLeaveTheRulesAndTheirFiringAlertsResolveOnce() {
        List<Alert> transitions = new ArrayList<>();
        AtomicInteger dropped = new AtomicInteger();
        OpsListener listener = new OpsListener() {
            @Override
            public void onDropped(Sample sample, SampleVerdict verdict) {
                dropped.incrementAndGet();
            }

            @Override
            public void onAlertTransition(Alert a) {
                transitions.add(a);
            }
        };
        try (Ops ops = Ops.builder()
                .dataDir(dir)
                .clock(now::get)
                .detector("ewma")
                .rules("churn.yml", RULES)
                .notifiers(Map.of())
                .checkpointInterval(Duration.ZERO)
                .maxSeries(LIMIT)
                .seriesIdle(IDLE)
                .listener(listener)
                .build()) {
            Instant start = now.get();
            int rounds = GENERATIONS + LIFE_ROUNDS + 40; // the last generation goes idle and is swept
            int mostTracked = 0;
            for (int r = 0; r < rounds; r++) {
                now.set(start.plusSeconds(15L * r));
                for (int g = Math.max(0, r - LIFE_ROUNDS + 1); g <= Math.min(r, GENERATIONS - 1); g++) {
                    for (int k = 0; k < PODS; k++) {
                        ops.ingest(new Sample(pod(g, k), now.get().toEpochMilli(), 100));
                    }
                }
                ops.runOnce(now.get());
                mostTracked = Math.max(mostTracked, ops.ruleEngine().seriesCount());
            }

            int churned = GENERATIONS * PODS;
            assertThat(dropped.get()).isZero(); // every series was scored, so every one raised its alerts
            assertThat(ops.ruleEngine().seriesCount()).isZero();
            assertThat(mostTracked).isLessThanOrEqualTo(LIMIT);
            assertThat(ops.ruleEngine().activeAlerts()).isEmpty();

            List<Alert> resolved = transitions.stream()
                    .filter(a -> a.name().equals("HighLoad") && a.state() == AlertState.RESOLVED)
                    .toList();
            assertThat(transitions)
                    .filteredOn(a -> a.name().equals("HighLoad") && a.state() == AlertState.FIRING)
                    .hasSize(churned);
            // exactly once each, and because the series is gone, not five minutes later when it would be stale
            assertThat(resolved).hasSize(churned);
            assertThat(resolved.stream().map(a -> a.labels().get("pod")).distinct())
                    .hasSize(churned);
            Instant lastSampleOfFirst = start.plusSeconds(15L * (LIFE_ROUNDS - 1));
            Alert firstResolved = resolved.stream()
                    .filter(a -> a.labels().get("pod").equals("p0-0"))
                    .findFirst()
                    .orElseThrow();
            assertThat(firstResolved.resolvedAt()).isBefore(lastSampleOfFirst.plus(Duration.ofMinutes(5)));
            // the pending alerts of the rule with a for end too (inactive), never having fired
            assertThat(transitions)
                    .filteredOn(a -> a.name().equals("LoadForAnHour"))
                    .extracting(Alert::state)
                    .containsOnly(AlertState.PENDING, AlertState.INACTIVE)
                    .filteredOn(s -> s == AlertState.INACTIVE)
                    .hasSize(churned);
            // the resolutions go where any other does: the audit log has one for each series
            List<AuditEntry> audited = ops.audit()
                    .query(AuditQuery.builder()
                            .kind(AuditKind.ALERT)
                            .subject("HighLoad")
                            .outcome("resolved")
                            .limit(10_000)
                            .build());
            assertThat(audited).hasSize(churned);
        }
    }
}
