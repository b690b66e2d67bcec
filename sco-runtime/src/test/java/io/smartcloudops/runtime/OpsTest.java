package io.smartcloudops.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.action.ActionOutcome;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.alert.AlertState;
import io.smartcloudops.api.audit.AuditQuery;
import io.smartcloudops.api.detect.AnomalyEvent;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SampleBatch;
import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.api.source.MetricSource;
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

class OpsTest {
    private static final String RULES = """
            groups:
              - name: g
                rules:
                  - alert: LatencyAnomaly
                    expr: anomalous(request_latency_ms)
                    labels: {severity: warning}
            policies:
              - name: restart on latency trouble
                match: ['alertname="LatencyAnomaly"']
                remediation: {action: restart_service, target: '{{ $labels.host }}', parameters: {unit: api}}
            """;

    @TempDir
    Path dir;

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T00:00:00Z"));
    private final SeriesId latency = SeriesId.of("request_latency_ms", Labels.of("host", "app"));

    private OpsBuilder loop(Path dataDir) {
        return Ops.builder()
                .dataDir(dataDir)
                .clock(now::get)
                .rules("test.yml", RULES)
                .notifiers(Map.of())
                .checkpointInterval(Duration.ZERO);
    }

    /** A quiet hour, then one sample far outside it. */
    private void feedQuietThenSpike(Ops ops) {
        Instant start = now.get();
        for (int i = 0; i <= 400; i++) {
            now.set(start.plusSeconds(10L * i));
            double value = i == 400 ? 5_000 : 100 + (i % 5);
            ops.ingest(new Sample(latency, now.get().toEpochMilli(), value));
            ops.runOnce(now.get());
        }
    }

    @Test
    void pushedSamplesBecomeAnAnomalyAnAlertAndADryRunActionThroughTheGate() {
        List<AnomalyEvent> anomalies = new ArrayList<>();
        List<Alert> transitions = new ArrayList<>();
        List<ActionResult> actions = new ArrayList<>();
        OpsListener listener = new OpsListener() {
            @Override
            public void onAnomaly(AnomalyEvent a) {
                anomalies.add(a);
            }

            @Override
            public void onAlertTransition(Alert a) {
                transitions.add(a);
            }

            @Override
            public void onAction(ActionResult r) {
                actions.add(r);
            }
        };
        try (Ops ops = loop(dir).listener(listener).build()) {
            feedQuietThenSpike(ops);

            assertThat(anomalies)
                    .isNotEmpty()
                    .allSatisfy(a -> assertThat(a.series()).isEqualTo(latency));
            assertThat(transitions).anySatisfy(a -> {
                assertThat(a.name()).isEqualTo("LatencyAnomaly");
                assertThat(a.state()).isEqualTo(AlertState.FIRING);
            });
            // one notion of anomalous: the rule holds exactly at samples the pipeline called anomalies
            assertThat(transitions)
                    .filteredOn(a -> a.state() == AlertState.PENDING || a.state() == AlertState.FIRING)
                    .allSatisfy(a -> assertThat(anomalies)
                            .extracting(AnomalyEvent::timestampMillis)
                            .contains(a.activeSince().toEpochMilli()));
            assertThat(actions).anySatisfy(r -> {
                assertThat(r.action()).isEqualTo("restart_service");
                assertThat(r.target()).isEqualTo("app");
                assertThat(r.outcome()).isEqualTo(ActionOutcome.DRY_RUN);
            });
            assertThat(ops.view().anomalies(10)).isNotEmpty();
            assertThat(ops.audit().verify().intact()).isTrue();
            assertThat(ops.audit()
                            .query(AuditQuery.builder()
                                    .action("restart_service")
                                    .build()))
                    .isNotEmpty();
        }
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheLoopOrTheOtherListeners() {
        AtomicInteger heard = new AtomicInteger();
        try (Ops ops = loop(dir)
                .listener(new OpsListener() {
                    @Override
                    public void onScored(Sample s, io.smartcloudops.api.detect.Score score) {
                        throw new IllegalStateException("a faulty listener");
                    }
                })
                .listener(new OpsListener() {
                    @Override
                    public void onScored(Sample s, io.smartcloudops.api.detect.Score score) {
                        heard.incrementAndGet();
                    }
                })
                .build()) {
            for (int i = 0; i < 5; i++) {
                assertThat(ops.ingest(new Sample(latency, now.get().toEpochMilli() + i * 1000L, 1))
                                .verdict())
                        .isEqualTo(SampleVerdict.SCORED);
            }
        }
        assertThat(heard).hasValue(5);
    }

    @Test
    void droppedSamplesAreToldWithTheirReasonAndChangeNothing() {
        List<SampleVerdict> dropped = new ArrayList<>();
        try (Ops ops = loop(dir)
                .listener(new OpsListener() {
                    @Override
                    public void onDropped(Sample s, SampleVerdict verdict) {
                        dropped.add(verdict);
                    }
                })
                .build()) {
            long t = now.get().toEpochMilli();
            ops.ingest(new Sample(latency, t, 1));
            ops.ingest(new Sample(latency, t - 1000, 1));
            ops.ingest(new Sample(latency, t + 1000, Double.NaN));
            ops.ingest(new Sample(latency, t + Duration.ofHours(1).toMillis(), 1));
            assertThat(ops.view().recentSamples(latency, 10)).hasSize(1);
        }
        assertThat(dropped).hasSize(3).doesNotContain(SampleVerdict.SCORED);
    }

    @Test
    void theHourlyHistoryIsASettingThatTheOtherSeriesLimitsLeaveAlone() {
        try (Ops ops = loop(dir)
                .hourlyHistory(0)
                .maxSeries(50)
                .seriesIdle(Duration.ofMinutes(5))
                .recentPoints(16)
                .build()) {
            assertThat(ops.config().series()).isEqualTo(new SeriesLimits(50, Duration.ofMinutes(5), 16, 0));
        }
        try (Ops ops = loop(dir).build()) {
            assertThat(ops.config().series().hourlyHistory())
                    .isEqualTo(SeriesLimits.DEFAULT_HOURLY_HISTORY)
                    .isEqualTo(528);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> loop(dir).hourlyHistory(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hourly history");
    }

    @Test
    void eachSeriesKeepsOnlyTheNewestRecentPointsItIsToldTo() {
        try (Ops ops = loop(dir).recentPoints(3).maxSeries(50).build()) {
            long t = now.get().toEpochMilli();
            for (int i = 1; i <= 5; i++) {
                ops.ingest(new Sample(latency, t + i * 1000L, i));
            }
            assertThat(ops.view().recentSamples(latency, 10))
                    .extracting(Sample::value)
                    .containsExactly(3.0, 4.0, 5.0);
        }
    }

    @Test
    void theViewKeysEachSeriesByThePipelinesOneIdNotByTheFirstPolledCopy() {
        try (Ops ops = loop(dir).build()) {
            long t = now.get().toEpochMilli();
            SeriesId polled = SeriesId.of(new String("request_latency_ms"), Labels.of(new String("host"), "app"));
            SeriesId held = ops.ingest(new Sample(polled, t, 1)).sample().series();
            SeriesId polledAgain = SeriesId.of(new String("request_latency_ms"), Labels.of(new String("host"), "app"));
            assertThat(ops.ingest(new Sample(polledAgain, t + 1000, 2)).sample().series())
                    .isSameAs(held);
            assertThat(held).isEqualTo(latency).isNotSameAs(polled);
            assertThat(ops.view().series()).singleElement().isSameAs(held);
            assertThat(ops.view().recentSamples(polledAgain, 10))
                    .extracting(Sample::value)
                    .containsExactly(1.0, 2.0);
            SeriesId other = SeriesId.of(new String("request_latency_ms"), Labels.of(new String("host"), "db"));
            ops.ingest(new Sample(other, t, 1));
            assertThat(ops.view().series())
                    .hasSize(2)
                    .allSatisfy(id -> assertThat(id.name()).isSameAs(held.name()));
        }
    }

    @Test
    void aBatchIsToldAsABatchFromItsSource() {
        List<String> batches = new ArrayList<>();
        try (Ops ops = loop(dir)
                .listener(new OpsListener() {
                    @Override
                    public void onBatch(String source, int samples) {
                        batches.add(source + ":" + samples);
                    }
                })
                .build()) {
            long t = now.get().toEpochMilli();
            ops.ingest(
                    SampleBatch.of("app-push", List.of(new Sample(latency, t, 1), new Sample(latency, t + 1000, 2))));
        }
        assertThat(batches).containsExactly("app-push:2");
    }

    @Test
    void runOncePollsTheSourcesOnTheCallersClock() {
        AtomicInteger polls = new AtomicInteger();
        MetricSource source = new MetricSource() {
            @Override
            public String name() {
                return "counter";
            }

            @Override
            public SampleBatch poll() {
                int n = polls.incrementAndGet();
                return SampleBatch.of(
                        name(), List.of(new Sample(latency, now.get().toEpochMilli(), n)));
            }
        };
        try (Ops ops = loop(dir).source(source).build()) {
            for (int i = 0; i < 3; i++) {
                now.set(now.get().plusSeconds(5));
                ops.runOnce(now.get());
            }
            assertThat(polls).hasValue(3);
            assertThat(ops.view().recentSamples(latency, 10))
                    .extracting(Sample::value)
                    .containsExactly(1.0, 2.0, 3.0);
            assertThat(ops.sourceNames()).containsExactly("counter");
        }
    }

    @Test
    void twoLoopsInOneJvmKeepTheirOwnState() {
        try (Ops a = loop(dir.resolve("a")).build();
                Ops b = loop(dir.resolve("b")).build()) {
            a.ingest(new Sample(latency, now.get().toEpochMilli(), 1));
            assertThat(a.seriesCount()).isEqualTo(1);
            assertThat(b.seriesCount()).isZero();
            assertThat(a.audit().verify().entries())
                    .isEqualTo(b.audit().verify().entries());
        }
    }

    @Test
    void aStartedLoopPollsByItself() {
        AtomicInteger polls = new AtomicInteger();
        MetricSource source = new MetricSource() {
            @Override
            public String name() {
                return "ticker";
            }

            @Override
            public SampleBatch poll() {
                polls.incrementAndGet();
                return SampleBatch.of(name(), List.of());
            }
        };
        try (Ops ops = Ops.builder()
                .dataDir(dir)
                .notifiers(Map.of())
                .sampleInterval(Duration.ofMillis(20))
                .source(source)
                .build()) {
            ops.start();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> polls.get() >= 3);
        }
    }

    /** Containers come and go: series that stopped are forgotten by the loop (and its view), so new ones find room. */
    @Test
    void seriesThatStoppedReportingAreForgottenAndNewOnesFindRoom() throws Exception {
        try (Ops ops = loop(dir).maxSeries(3).seriesIdle(Duration.ofMinutes(5)).build()) {
            Instant start = now.get();
            for (int c = 0; c < 3; c++) {
                ops.ingest(
                        new Sample(SeriesId.of("container_cpu", Labels.of("id", "old-" + c)), start.toEpochMilli(), 1));
            }
            ops.runOnce(start);
            assertThat(ops.seriesCount()).isEqualTo(3);

            now.set(start.plus(Duration.ofMinutes(6)));
            SeriesId fresh = SeriesId.of("container_cpu", Labels.of("id", "new"));
            assertThat(ops.ingest(new Sample(fresh, now.get().toEpochMilli(), 1))
                            .verdict())
                    .isEqualTo(SampleVerdict.SCORED);
            ops.runOnce(now.get());
            assertThat(ops.seriesCount()).isEqualTo(1);
            assertThat(ops.view().series()).containsExactly(fresh);
        }
    }
}
