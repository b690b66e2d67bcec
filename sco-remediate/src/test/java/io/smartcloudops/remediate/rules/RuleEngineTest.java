package io.smartcloudops.remediate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.alert.AlertState;
import io.smartcloudops.api.detect.Score;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleEngineTest {
    private static final SeriesId CPU = SeriesId.of("cpu", Labels.of("host", "app"));
    private static final Instant T0 = Instant.parse("2026-11-27T00:00:00Z");

    private final List<Rule> rules = new RuleFileLoader().parse("t.yml", """
            groups:
              - name: g
                rules:
                  - alert: HighCpu
                    expr: cpu > 90
                    for: 1m
                    labels: {severity: critical}
                    annotations: {summary: "cpu {{ $value }} on {{ $labels.host }}"}
                  - alert: Anomaly
                    expr: anomaly_score({}) >= 0.9
                  - alert: Gone
                    expr: absent(heartbeat)
            """);

    private static Sample at(Instant t, double v) {
        return new Sample(CPU, t.toEpochMilli(), v);
    }

    @Test
    void firesAfterForDurationElapsesThenResolves() {
        RuleEngine e = new RuleEngine(rules.subList(0, 1), Duration.ofMinutes(5));
        e.observe(at(T0, 95), null);
        List<Alert> first = e.evaluate(T0);
        assertThat(first).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertState.PENDING);
            assertThat(a.annotations()).containsEntry("summary", "cpu 95 on app");
            assertThat(a.labels().get("alertname")).isEqualTo("HighCpu");
        });
        e.observe(at(T0.plusSeconds(30), 96), null);
        assertThat(e.evaluate(T0.plusSeconds(30))).isEmpty();
        e.observe(at(T0.plusSeconds(60), 97), null);
        assertThat(e.evaluate(T0.plusSeconds(60))).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertState.FIRING);
            assertThat(a.firedAt()).isEqualTo(T0.plusSeconds(60));
        });
        assertThat(e.activeAlerts()).hasSize(1);
        e.observe(at(T0.plusSeconds(90), 20), null);
        assertThat(e.evaluate(T0.plusSeconds(90)))
                .singleElement()
                .satisfies(a -> assertThat(a.state()).isEqualTo(AlertState.RESOLVED));
        assertThat(e.activeAlerts()).isEmpty();
    }

    @Test
    void anomalousMeansThePipelinesOwnThresholdNotASecondOne() {
        List<Rule> anomalous = new RuleFileLoader().parse("a.yml", """
                groups:
                  - name: g
                    rules:
                      - alert: CpuAnomaly
                        expr: anomalous(cpu)
                """);
        Score high = new Score(0.97, 20, 10, 30, "test", "unusual");
        RuleEngine strict = new RuleEngine(anomalous, Duration.ofMinutes(5), 0.99);
        strict.observe(at(T0, 95), high);
        assertThat(strict.evaluate(T0))
                .as("0.97 is below a pipeline threshold of 0.99: no anomaly, no alert")
                .isEmpty();
        RuleEngine usual = new RuleEngine(anomalous, Duration.ofMinutes(5), 0.95);
        usual.observe(at(T0, 95), high);
        assertThat(usual.evaluate(T0))
                .singleElement()
                .satisfies(a -> assertThat(a.name()).isEqualTo("CpuAnomaly"));
    }

    @Test
    void pendingAlertThatStopsHoldingBecomesInactiveWithoutFiring() {
        RuleEngine e = new RuleEngine(rules.subList(0, 1), Duration.ofMinutes(5));
        e.observe(at(T0, 95), null);
        e.evaluate(T0);
        e.observe(at(T0.plusSeconds(10), 50), null);
        assertThat(e.evaluate(T0.plusSeconds(10)))
                .singleElement()
                .satisfies(a -> assertThat(a.state()).isEqualTo(AlertState.INACTIVE));
    }

    @Test
    void staleSeriesNeitherKeepsFiringNorRaisesAnomaly() {
        RuleEngine e = new RuleEngine(rules.subList(0, 2), Duration.ofMinutes(5));
        e.observe(at(T0, 99), new Score(0.95, 50, 40, 60, "t", "t"));
        assertThat(e.evaluate(T0)).extracting(Alert::name).containsExactlyInAnyOrder("HighCpu", "Anomaly");
        assertThat(e.evaluate(T0.plus(Duration.ofMinutes(6))))
                .extracting(Alert::state)
                .containsExactlyInAnyOrder(AlertState.INACTIVE, AlertState.RESOLVED);
    }

    @Test
    void absentFiresWhenNoHeartbeatArrives() {
        RuleEngine e = new RuleEngine(rules.subList(2, 3), Duration.ofMinutes(5));
        assertThat(e.evaluate(T0))
                .singleElement()
                .satisfies(a -> assertThat(a.state()).isEqualTo(AlertState.FIRING));
        e.observe(new Sample(SeriesId.of("heartbeat"), T0.plusSeconds(1).toEpochMilli(), 1), null);
        assertThat(e.evaluate(T0.plusSeconds(2)))
                .singleElement()
                .satisfies(a -> assertThat(a.state()).isEqualTo(AlertState.RESOLVED));
    }

    @Test
    void aSeriesThatIsGoneEndsItsAlertsOnceAtTheNextEvaluationAndLeavesNothing() {
        SeriesId db = SeriesId.of("cpu", Labels.of("host", "db"));
        RuleEngine e = new RuleEngine(rules.subList(0, 1), Duration.ofMinutes(5));
        e.observe(at(T0, 95), null);
        e.observe(new Sample(db, T0.toEpochMilli(), 95), null);
        e.evaluate(T0);
        e.observe(at(T0.plusSeconds(60), 95), null);
        assertThat(e.evaluate(T0.plusSeconds(60)))
                .extracting(a -> a.labels().get("host") + " " + a.state())
                .containsExactlyInAnyOrder("app FIRING", "db FIRING");
        e.observe(new Sample(db, T0.plusSeconds(70).toEpochMilli(), 95), null);
        e.evaluate(T0.plusSeconds(70));
        e.seriesGone(CPU);
        assertThat(e.seriesCount()).isEqualTo(1);
        assertThat(e.evaluate(T0.plusSeconds(75))).singleElement().satisfies(a -> {
            assertThat(a.labels().get("host")).isEqualTo("app");
            assertThat(a.state()).isEqualTo(AlertState.RESOLVED);
            assertThat(a.resolvedAt()).isEqualTo(T0.plusSeconds(75));
        });
        assertThat(e.evaluate(T0.plus(Duration.ofMinutes(10))))
                .as("resolved once: staleness has nothing left of it to end")
                .extracting(a -> a.labels().get("host") + " " + a.state())
                .containsExactly("db RESOLVED");
        // a pending alert of a gone series ends inactive; a sample later starts the series afresh
        e.observe(at(T0.plus(Duration.ofMinutes(11)), 99), null);
        assertThat(e.evaluate(T0.plus(Duration.ofMinutes(11))))
                .singleElement()
                .satisfies(a -> assertThat(a.state()).isEqualTo(AlertState.PENDING));
        e.seriesGone(CPU);
        e.observe(at(T0.plus(Duration.ofMinutes(12)), 99), null);
        assertThat(e.evaluate(T0.plus(Duration.ofMinutes(12))))
                .extracting(Alert::state)
                .containsExactly(AlertState.INACTIVE, AlertState.PENDING);
        assertThat(e.activeAlerts())
                .singleElement()
                .satisfies(a -> assertThat(a.activeSince()).isEqualTo(T0.plus(Duration.ofMinutes(12))));
        e.seriesGone(CPU);
        e.seriesGone(db);
        assertThat(e.evaluate(T0.plus(Duration.ofMinutes(13))))
                .extracting(Alert::state)
                .containsExactly(AlertState.INACTIVE);
        assertThat(e.seriesCount()).isZero();
        assertThat(e.activeAlerts()).isEmpty();
    }

    @Test
    void anAbsentRuleLoadedLaterSeesTheSeriesObservedBeforeItAndForgetsOnesDropped() {
        SeriesId beat = SeriesId.of("heartbeat", Labels.of("host", "a"));
        RuleEngine e = new RuleEngine(rules.subList(0, 1), Duration.ofMinutes(5));
        e.observe(new Sample(beat, T0.toEpochMilli(), 1), null);
        assertThat(e.evaluate(T0)).isEmpty();
        e.replaceRules(rules.subList(2, 3));
        assertThat(e.evaluate(T0.plusSeconds(10)))
                .as("the heartbeat came before the rule did")
                .isEmpty();
        e.observe(new Sample(beat, T0.plusSeconds(20).toEpochMilli(), 1), null);
        e.forgetSeries(beat);
        assertThat(e.evaluate(T0.plusSeconds(30)))
                .as("a forgotten series is no heartbeat")
                .singleElement()
                .satisfies(a -> assertThat(a.state()).isEqualTo(AlertState.FIRING));
        e.replaceRules(rules.subList(0, 1));
        assertThat(e.evaluate(T0.plusSeconds(35)))
                .singleElement()
                .satisfies(a -> assertThat(a.state()).isEqualTo(AlertState.RESOLVED));
        e.observe(new Sample(beat, T0.plusSeconds(40).toEpochMilli(), 1), null);
        e.replaceRules(rules.subList(2, 3));
        assertThat(e.evaluate(T0.plusSeconds(50)))
                .as("observed while no absent rule was loaded")
                .isEmpty();
    }

    @Test
    void transitionsComeInTheOrderSeriesWereFirstObservedSinceTheLastRound() {
        RuleEngine e = new RuleEngine(rules.subList(1, 2), Duration.ofMinutes(5));
        SeriesId a = SeriesId.of("q", Labels.of("host", "a"));
        SeriesId b = SeriesId.of("q", Labels.of("host", "b"));
        SeriesId c = SeriesId.of("q", Labels.of("host", "c"));
        Score high = new Score(0.99, 0, 0, 0, "", "");
        assertThat(e.evaluate(T0)).isEmpty(); // a first evaluation (of new rules) tests every series, in no order
        e.observe(new Sample(a, T0.toEpochMilli(), 1), high);
        e.observe(new Sample(b, T0.toEpochMilli(), 1), high);
        e.observe(new Sample(a, T0.plusSeconds(1).toEpochMilli(), 2), high); // again: a keeps its place
        e.observe(new Sample(c, T0.toEpochMilli(), 1), high);
        e.forgetSeries(b);
        e.observe(new Sample(b, T0.plusSeconds(2).toEpochMilli(), 1), high); // forgotten, then new: last
        assertThat(e.evaluate(T0.plusSeconds(2)))
                .extracting(x -> x.labels().get("host") + " " + x.value())
                .containsExactly("a 2.0", "c 1.0", "b 1.0");
        // the next round tests only what was observed since: b alone, now below the threshold
        e.observe(new Sample(b, T0.plusSeconds(17).toEpochMilli(), 1), new Score(0.1, 0, 0, 0, "", ""));
        assertThat(e.evaluate(T0.plusSeconds(17)))
                .extracting(x -> x.labels().get("host") + " " + x.state())
                .containsExactly("b RESOLVED");
    }

    @Test
    void olderSampleDoesNotOverwriteNewer() {
        RuleEngine e = new RuleEngine(rules.subList(0, 1), Duration.ofMinutes(5));
        e.observe(at(T0.plusSeconds(10), 50), null);
        e.observe(at(T0, 99), null);
        assertThat(e.evaluate(T0.plusSeconds(10))).isEmpty();
    }

    @Test
    void replacingRulesResolvesAlertsOfRemovedRules() {
        RuleEngine e = new RuleEngine(rules.subList(1, 2), Duration.ofMinutes(5));
        e.observe(at(T0, 1), new Score(0.99, 0, 0, 0, "", ""));
        assertThat(e.evaluate(T0))
                .singleElement()
                .satisfies(a -> assertThat(a.state()).isEqualTo(AlertState.FIRING));
        e.replaceRules(List.of());
        assertThat(e.evaluate(T0.plusSeconds(1)))
                .singleElement()
                .satisfies(a -> assertThat(a.state()).isEqualTo(AlertState.RESOLVED));
    }

    @Test
    void rateOfChangeFiresOnAFastRiseAndDeltaOnADrop() {
        List<Rule> rates = new RuleFileLoader().parse("r.yml", """
                groups:
                  - name: g
                    rules:
                      - alert: DiskFillingFast
                        expr: rate(disk{host="app"}[10m]) > 0.01
                      - alert: TrafficCollapsed
                        expr: delta(requests[1m]) < -50
                """);
        RuleEngine e = new RuleEngine(rates, Duration.ofMinutes(5));
        SeriesId disk = SeriesId.of("disk", Labels.of("host", "app"));
        SeriesId req = SeriesId.of("requests");
        for (int i = 0; i <= 10; i++) {
            e.observe(new Sample(disk, T0.plusSeconds(60L * i).toEpochMilli(), 50 + 0.1 * i), null);
        }
        assertThat(e.evaluate(T0.plusSeconds(600))).isEmpty();
        e.observe(new Sample(disk, T0.plusSeconds(660).toEpochMilli(), 70), null);
        assertThat(e.evaluate(T0.plusSeconds(660))).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("DiskFillingFast");
            assertThat(a.value()).isCloseTo((70 - 50.1) / 600, org.assertj.core.data.Offset.offset(1e-9));
        });
        e.observe(new Sample(req, T0.plusSeconds(700).toEpochMilli(), 200), null);
        e.observe(new Sample(req, T0.plusSeconds(730).toEpochMilli(), 120), null);
        assertThat(e.evaluate(T0.plusSeconds(730))).extracting(Alert::name).contains("TrafficCollapsed");
    }

    @Test
    void rateNeedsTwoSamplesInTheWindowAndRejectsAbsurdRanges() {
        RuleEngine e = new RuleEngine(
                new RuleFileLoader()
                        .parse(
                                "r.yml",
                                "groups:\n  - name: g\n    rules:\n      - alert: R\n        expr: rate(x[5m]) > 0\n"),
                Duration.ofMinutes(5));
        e.observe(new Sample(SeriesId.of("x"), T0.toEpochMilli(), 1), null);
        assertThat(e.evaluate(T0)).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RuleFileLoader()
                        .parse(
                                "r.yml",
                                "groups:\n  - name: g\n    rules:\n      - alert: R\n        expr: rate(x[30d]) > 0\n"))
                .hasMessageContaining("at most 24h");
    }
}
