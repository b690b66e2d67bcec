package io.smartcloudops.remediate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.alert.Alert;
import io.smartcloudops.api.detect.Score;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Incremental evaluation (only series observed since the last round are tested again) gives
 * exactly the transitions of testing every rule on every series each round.
 */
class IncrementalEvaluationPropertyTest {
    static final String RULES = """
            groups:
              - name: g
                rules:
                  - alert: High
                    expr: cpu > 80
                    for: 30s
                  - alert: Spike
                    expr: anomaly_score(cpu) >= 0.9
                  - alert: Rising
                    expr: rate(cpu[2m]) > 0.2
                  - alert: Gone
                    expr: absent(cpu{host="h0"})
            """;

    /** One step: observe a sample of one of three series (or none), then let time pass and evaluate. */
    record Step(int host, double value, double score, long gapSeconds, boolean observe) {}

    @Provide
    Arbitrary<List<Step>> steps() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.doubles().between(0, 100),
                        Arbitraries.doubles().between(0, 1),
                        Arbitraries.frequencyOf(
                                net.jqwik.api.Tuple.of(10, Arbitraries.longs().between(1, 40)),
                                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(200, 700))),
                        Arbitraries.of(true, true, true, false))
                .as(Step::new)
                .list()
                .ofMaxSize(120);
    }

    @Property(tries = 300)
    void incrementalEqualsFullEvaluation(@ForAll("steps") List<Step> steps) {
        List<Rule> rules = new RuleFileLoader().parse("p.yml", RULES);
        RuleEngine incremental = new RuleEngine(rules, Duration.ofMinutes(5));
        RuleEngine full = new RuleEngine(rules, Duration.ofMinutes(5));
        Instant t = Instant.parse("2026-11-27T00:00:00Z");
        for (Step s : steps) {
            t = t.plusSeconds(s.gapSeconds());
            if (s.observe()) {
                Sample sample =
                        new Sample(SeriesId.of("cpu", Labels.of("host", "h" + s.host())), t.toEpochMilli(), s.value());
                Score score = new Score(s.score(), 0, 0, 0, "", "");
                incremental.observe(sample, score);
                full.observe(sample, score);
            }
            full.replaceRules(new ArrayList<>(rules)); // a new list of the same rules: every series is tested again
            assertThat(describe(incremental.evaluate(t))).isEqualTo(describe(full.evaluate(t)));
            assertThat(describe(incremental.activeAlerts())).isEqualTo(describe(full.activeAlerts()));
        }
    }

    private static List<String> describe(List<Alert> alerts) {
        return alerts.stream()
                .map(a -> a.labels() + " " + a.state() + " " + a.activeSince() + " " + a.firedAt())
                .sorted()
                .toList();
    }
}
