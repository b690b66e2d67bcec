package io.smartcloudops.remediate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.alert.AlertState;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The alert state machine against a reference model: random observation sequences (values on
 * both sides of the threshold, irregular time steps, gaps longer than the staleness window) must
 * give exactly the transitions Prometheus' semantics prescribe.
 */
class AlertLifecyclePropertyTest {
    private static final SeriesId CPU = SeriesId.of("cpu");
    private static final Duration STALE = Duration.ofMinutes(5);

    record Step(double value, long gapSeconds) {}

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Double> value =
                Arbitraries.doubles().between(0, 100).withSpecialValue(90.0).withSpecialValue(90.0001);
        Arbitrary<Long> gap = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(20, Arbitraries.longs().between(1, 60)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(301, 900)));
        return Combinators.combine(value, gap).as(Step::new).list().ofMaxSize(80);
    }

    @Property(tries = 300)
    void transitionsFollowPrometheusSemantics(
            @ForAll("steps") List<Step> steps, @ForAll @IntRange(min = 0, max = 180) int forSeconds) {
        Rule rule = new RuleFileLoader()
                .parse(
                        "p.yml",
                        "groups:\n  - name: g\n    rules:\n      - alert: High\n        expr: cpu > 90\n"
                                + "        for: " + forSeconds + "s\n")
                .get(0);
        RuleEngine engine = new RuleEngine(List.of(rule), STALE);
        Instant t = Instant.parse("2026-11-27T00:00:00Z");
        AlertState modelState = AlertState.INACTIVE;
        Instant modelSince = null;
        for (Step step : steps) {
            t = t.plusSeconds(step.gapSeconds());
            engine.observe(new Sample(CPU, t.toEpochMilli(), step.value()), null);
            List<Alert> changed = engine.evaluate(t);

            boolean holds = step.value() > 90;
            AlertState expected;
            if (holds) {
                if (modelState == AlertState.INACTIVE || modelState == AlertState.RESOLVED) {
                    modelSince = t;
                    expected = forSeconds == 0 ? AlertState.FIRING : AlertState.PENDING;
                } else if (modelState == AlertState.PENDING && !t.isBefore(modelSince.plusSeconds(forSeconds))) {
                    expected = AlertState.FIRING;
                } else {
                    expected = modelState;
                }
            } else {
                expected = modelState == AlertState.FIRING
                        ? AlertState.RESOLVED
                        : modelState == AlertState.PENDING ? AlertState.INACTIVE : modelState;
            }

            if (expected == modelState) {
                assertThat(changed).as("no transition at %s", t).isEmpty();
            } else {
                assertThat(changed)
                        .as("transition at %s", t)
                        .singleElement()
                        .satisfies(a -> assertThat(a.state()).isEqualTo(expected));
                if (expected == AlertState.FIRING) {
                    assertThat(changed.get(0).activeSince()).isEqualTo(modelSince);
                }
            }
            modelState =
                    expected == AlertState.INACTIVE || expected == AlertState.RESOLVED ? AlertState.INACTIVE : expected;
            assertThat(engine.activeAlerts()).hasSize(modelState == AlertState.INACTIVE ? 0 : 1);
        }
    }

    @Property(tries = 200)
    void staleSeriesAlwaysEndsTheAlert(@ForAll @IntRange(min = 301, max = 10_000) int silentSeconds) {
        RuleEngine engine = new RuleEngine(
                new RuleFileLoader()
                        .parse(
                                "p.yml",
                                "groups:\n  - name: g\n    rules:\n      - alert: High\n        expr: cpu > 90\n"),
                STALE);
        Instant t = Instant.parse("2026-11-27T00:00:00Z");
        engine.observe(new Sample(CPU, t.toEpochMilli(), 99), null);
        assertThat(engine.evaluate(t))
                .singleElement()
                .satisfies(a -> assertThat(a.state()).isEqualTo(AlertState.FIRING));
        assertThat(engine.evaluate(t.plusSeconds(silentSeconds)))
                .singleElement()
                .satisfies(a -> assertThat(a.state()).isEqualTo(AlertState.RESOLVED));
    }
}
