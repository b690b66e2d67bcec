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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeriesRuleStateTest {
    private static final SeriesId CPU = SeriesId.of("cpu", Labels.of("host", "app"));
    private static final SeriesId MEM = SeriesId.of("cpu", Labels.of("host", "db"));
    private static final Instant T0 = Instant.parse("2026-11-27T00:00:00Z");

    private final List<Rule> rules = new RuleFileLoader().parse("t.yml", """
            groups:
              - name: g
                rules:
                  - alert: HighCpu
                    expr: cpu > 90
                    for: 1m
                    labels: {severity: critical}
                  - alert: Climbing
                    expr: delta(cpu[2m]) > 30
                  - alert: Odd
                    expr: anomaly_score({}) >= 0.9
            """);

    private static double value(int i) {
        return i % 17 < 8 ? 95 + i % 3 : 40 + (i * 7) % 30;
    }

    /** One engine for every series all along, evaluated once a round after every series is observed, as the agent runs it. */
    private List<Alert> straight(int steps) {
        RuleEngine e = new RuleEngine(rules, Duration.ofMinutes(5));
        List<Alert> out = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            Instant t = T0.plusSeconds(30L * i);
            for (SeriesId id : List.of(CPU, MEM)) {
                e.observe(
                        new Sample(id, t.toEpochMilli(), value(i + (id == MEM ? 5 : 0))),
                        new Score(i % 11 == 0 ? 0.95 : 0.1, 0, 0, 0, "", ""));
            }
            out.addAll(e.evaluate(t));
        }
        return out;
    }

    /** Each series' state leaves the engine after every step and comes back into a new one, as Flink's keyed state holds it. */
    private List<Alert> movedEveryStep(int steps) {
        Map<SeriesId, SeriesRuleState> kept = new HashMap<>();
        List<Alert> out = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            Instant t = T0.plusSeconds(30L * i);
            for (SeriesId id : List.of(CPU, MEM)) {
                RuleEngine e = new RuleEngine(rules, Duration.ofMinutes(5));
                if (kept.containsKey(id)) {
                    e.importSeries(kept.get(id));
                }
                e.observe(
                        new Sample(id, t.toEpochMilli(), value(i + (id == MEM ? 5 : 0))),
                        new Score(i % 11 == 0 ? 0.95 : 0.1, 0, 0, 0, "", ""));
                out.addAll(e.evaluate(t));
                kept.put(id, e.exportSeries(id).orElseThrow());
                e.forgetSeries(id);
                assertThat(e.activeAlerts()).isEmpty();
                assertThat(e.exportSeries(id)).isEmpty();
            }
        }
        return out;
    }

    @Test
    void exportedAndReimportedSeriesStateGivesTheSameTransitionsAsOneLongLivedEngine() {
        List<Alert> expected = straight(120);
        assertThat(expected)
                .extracting(Alert::state)
                .contains(AlertState.PENDING, AlertState.FIRING, AlertState.RESOLVED);
        assertThat(expected).extracting(Alert::name).contains("HighCpu", "Climbing", "Odd");
        assertThat(movedEveryStep(120)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void anImportedPendingAlertFiresWhenItsForElapsesWithoutANewSample() {
        RuleEngine first = new RuleEngine(rules.subList(0, 1), Duration.ofMinutes(5));
        first.observe(new Sample(CPU, T0.toEpochMilli(), 99), null);
        assertThat(first.evaluate(T0)).extracting(Alert::state).containsExactly(AlertState.PENDING);
        SeriesRuleState state = first.exportSeries(CPU).orElseThrow();
        assertThat(state.alerts())
                .singleElement()
                .satisfies(a -> assertThat(a.rule()).isEqualTo("HighCpu"));

        RuleEngine next = new RuleEngine(rules.subList(0, 1), Duration.ofMinutes(5));
        next.importSeries(state);
        assertThat(next.evaluate(T0.plusSeconds(30))).isEmpty();
        assertThat(next.evaluate(T0.plusSeconds(60)))
                .singleElement()
                .satisfies(a -> assertThat(a.state()).isEqualTo(AlertState.FIRING));
    }

    @Test
    void anAlertWhoseRuleIsGoneIsDroppedOnImport() {
        RuleEngine first = new RuleEngine(rules.subList(0, 1), Duration.ofMinutes(5));
        first.observe(new Sample(CPU, T0.toEpochMilli(), 99), null);
        first.evaluate(T0);
        RuleEngine other = new RuleEngine(rules.subList(1, 2), Duration.ofMinutes(5));
        other.importSeries(first.exportSeries(CPU).orElseThrow());
        assertThat(other.activeAlerts()).isEmpty();
        assertThat(other.exportSeries(CPU))
                .hasValueSatisfying(s -> assertThat(s.latest().value()).isEqualTo(99));
    }
}
