package io.smartcloudops.remediate.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleFileLoaderTest {
    private final RuleFileLoader loader = new RuleFileLoader();

    @Test
    void loadsPrometheusShapedRulesWithRemediation() {
        List<Rule> rules = loader.parse("r.yml", """
                groups:
                  - name: host
                    rules:
                      - alert: HighCpuUsage
                        expr: node_cpu_usage_percent{host="app"} > 90
                        for: 2m
                        labels: {severity: critical}
                        annotations:
                          summary: 'CPU at {{ $value | printf "%.1f" }}% on {{ $labels.host }}'
                        remediation: {action: restart_service, target: "{{ $labels.host }}", parameters: {unit: app}}
                      - alert: CpuAnomaly
                        expr: anomaly_score({}) >= 0.95
                      - alert: InstanceDown
                        expr: absent(up{job="app"})
                        for: 1m
                """);
        assertThat(rules).hasSize(3);
        Rule cpu = rules.get(0);
        assertThat(cpu.condition())
                .isEqualTo(new Condition.Threshold(
                        new Selector("node_cpu_usage_percent", Map.of("host", "app")), Comparison.GT, 90));
        assertThat(cpu.forDuration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(cpu.remediation())
                .hasValueSatisfying(r -> assertThat(r.action()).isEqualTo("restart_service"));
        assertThat(rules.get(1).condition()).isInstanceOf(Condition.AnomalyScore.class);
        assertThat(rules.get(2).condition()).isInstanceOf(Condition.Absent.class);
    }

    @Test
    void rejectsUnknownFieldWithFileAndLine() {
        assertThatThrownBy(() -> loader.parse("bad.yml", """
                groups:
                  - name: host
                    rules:
                      - alert: HighCpuUsage
                        expr: cpu > 90
                        severity: warning
                """))
                .isInstanceOf(RuleFileException.class)
                .hasMessageContaining("bad.yml:6: unknown field 'severity' in a rule");
    }

    @Test
    void collectsEveryProblemAndRejectsTheWholeFile() {
        RuleFileException e = org.junit.jupiter.api.Assertions.assertThrows(
                RuleFileException.class, () -> loader.parse("bad.yml", """
                groups:
                  - name: g
                    rules:
                      - alert: Good
                        expr: cpu > 90
                      - alert: BadExpr
                        expr: cpu >> 90
                      - alert: BadFor
                        expr: cpu > 1
                        for: soon
                      - alert: BadTemplate
                        expr: cpu > 1
                        annotations: {summary: "{{ .Value }}"}
                      - expr: cpu > 1
                """));
        assertThat(e.problems()).hasSize(4);
        assertThat(e.problems().get(0)).startsWith("bad.yml:7: cannot parse expression");
        assertThat(e.problems().get(1)).startsWith("bad.yml:10: 'for: soon'");
        assertThat(e.problems().get(2)).contains("bad.yml:13").contains("unsupported template action");
        assertThat(e.problems().get(3)).contains("bad.yml:14").contains("missing 'alert'");
    }

    @Test
    void rejectsMalformedAndHostileYaml() {
        assertThatThrownBy(() -> loader.parse("x.yml", "groups: [unclosed")).hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> loader.parse("x.yml", "")).hasMessageContaining("empty");
        assertThatThrownBy(() -> loader.parse("x.yml", "groups: 3"))
                .hasMessageContaining("x.yml:1: 'groups' must be a list");
        assertThatThrownBy(() -> loader.parse("x.yml", "groups: []\ngroups: []"))
                .hasMessageContaining("x.yml:2: duplicate key 'groups'");
        String deep = "groups: " + "[".repeat(200) + "]".repeat(200);
        assertThatThrownBy(() -> loader.parse("x.yml", deep)).isInstanceOf(RuleFileException.class);
        StringBuilder bomb = new StringBuilder("a: &a [x,x,x,x,x,x,x,x,x,x]\n");
        for (int i = 0; i < 30; i++) {
            bomb.append("a")
                    .append(i)
                    .append(": &a")
                    .append(i)
                    .append(" [*a")
                    .append(i == 0 ? "" : String.valueOf(i - 1))
                    .append(",*a")
                    .append(i == 0 ? "" : String.valueOf(i - 1))
                    .append("]\n");
        }
        assertThatThrownBy(() -> loader.parse("x.yml", bomb.toString())).isInstanceOf(RuleFileException.class);
        assertThatThrownBy(() -> loader.parse("x.yml", "x".repeat(RuleFileLoader.MAX_BYTES + 1)))
                .hasMessageContaining("longer than");
    }

    @Test
    void rejectsAnomalyThresholdOutsideZeroToOne() {
        assertThatThrownBy(() -> loader.parse("x.yml", """
                groups:
                  - name: g
                    rules:
                      - alert: A
                        expr: anomaly_score(cpu) >= 1.5
                """))
                .hasMessageContaining("x.yml:5")
                .hasMessageContaining("can never match");
    }

    @Test
    void loadsPoliciesAndVerificationSteps() {
        RuleSet set = loader.parseSet("p.yml", """
                groups:
                  - name: g
                    rules:
                      - alert: ApiDown
                        expr: absent(up{job="api"})
                        remediation:
                          action: restart_service
                          target: app
                          parameters: {unit: api}
                          verify: {target: app, parameters: {url: "http://127.0.0.1:8080/healthz"}, attempts: 5, interval: 2s}
                policies:
                  - name: nginx
                    match: ['alertname="NginxDown"', 'severity=~"critical|warning"']
                    remediation: {action: restart_service, target: '{{ $labels.host }}', parameters: {unit: nginx}}
                """);
        assertThat(set.policies()).singleElement().satisfies(p -> {
            assertThat(p.match()).hasSize(2);
            assertThat(p.remediation().parameters()).containsEntry("unit", "nginx");
        });
        VerifySpec v = set.rules().get(0).remediation().orElseThrow().verify().orElseThrow();
        assertThat(v.action()).isEqualTo("health_check");
        assertThat(v.attempts()).isEqualTo(5);
        assertThat(v.interval()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void rejectsBadPoliciesWithLines() {
        RuleFileException e = org.junit.jupiter.api.Assertions.assertThrows(
                RuleFileException.class, () -> loader.parseSet("p.yml", """
                groups: []
                policies:
                  - name: no match
                    remediation: {action: restart_service, target: x}
                  - name: bad matcher
                    match: ['alertname=NginxDown']
                    remediation: {action: restart_service, target: x}
                  - name: bad verify
                    match: ['alertname="X"']
                    remediation: {action: a, target: x, verify: {attempts: 0, interval: soon, retries: 2}}
                """));
        assertThat(e.problems())
                .anySatisfy(p -> assertThat(p).startsWith("p.yml:3").contains("needs 'match:'"));
        assertThat(e.problems())
                .anySatisfy(p -> assertThat(p).startsWith("p.yml:6").contains("bad matcher"));
        assertThat(e.problems())
                .anySatisfy(p -> assertThat(p).startsWith("p.yml:10").contains("unknown field 'retries'"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("'attempts' must be a whole number"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("'interval: soon'"));
    }
}
