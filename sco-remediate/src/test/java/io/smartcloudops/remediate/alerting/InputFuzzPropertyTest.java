package io.smartcloudops.remediate.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.remediate.rules.RuleFileException;
import io.smartcloudops.remediate.rules.RuleFileLoader;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The parsers of what arrives from outside (rule files, Alertmanager's webhook) fail only with
 * their own clear exception, whatever the input: random text, and valid documents mutated at a
 * random place.
 */
class InputFuzzPropertyTest {
    static final String RULES = """
            groups:
              - name: g
                rules:
                  - alert: HighCpu
                    expr: cpu{host="app"} > 90
                    for: 2m
                    labels: {severity: warning}
                    annotations: {summary: 'CPU {{ $value }} on {{ $labels.host }}'}
                    remediation: {action: restart_service, target: '{{ $labels.host }}', parameters: {unit: app},
                                  verify: {parameters: {url: 'http://x/'}, attempts: 3, interval: 5s}}
                  - alert: Rising
                    expr: rate(cpu[5m]) > 1
            policies:
              - name: p
                match: ['alertname=~"High.*"']
                remediation: {action: restart_service, target: x}
            """;

    private static String mutate(String doc, int at, int cut, String insert) {
        int i = Math.floorMod(at, doc.length());
        int j = Math.min(doc.length(), i + Math.floorMod(cut, 8));
        return doc.substring(0, i) + insert + doc.substring(j);
    }

    @Property(tries = 1_500)
    void ruleFilesFailOnlyWithARuleFileException(
            @ForAll int at, @ForAll @IntRange(min = 0, max = 7) int cut, @ForAll String insert) {
        String text = mutate(RULES, at, cut, insert);
        try {
            new RuleFileLoader().parseSet("fuzz.yml", text);
        } catch (RuleFileException expected) {
            assertThat(expected.problems())
                    .isNotEmpty()
                    .allSatisfy(p -> assertThat(p).startsWith("fuzz.yml"));
        }
    }

    @Property(tries = 1_000)
    void arbitraryTextAsARuleFileFailsOnlyWithARuleFileException(@ForAll String text) {
        try {
            new RuleFileLoader().parseSet("fuzz.yml", text);
        } catch (RuleFileException expected) {
            assertThat(expected.getMessage()).contains("fuzz.yml");
        }
    }

    @Property(tries = 1_500)
    void alertmanagerPayloadsFailOnlyWithIllegalArgument(
            @ForAll int at, @ForAll @IntRange(min = 0, max = 7) int cut, @ForAll String insert) {
        String text = mutate(AlertmanagerPayloadTest.DOCUMENTED, at, cut, insert);
        try {
            new AlertmanagerPayload().parse(text);
        } catch (IllegalArgumentException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
