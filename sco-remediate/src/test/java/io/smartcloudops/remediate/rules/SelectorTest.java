package io.smartcloudops.remediate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.SeriesId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SelectorTest {
    private static SeriesId cpu(String host) {
        return new SeriesId("node_cpu_usage_percent", Labels.of("host", host));
    }

    @Test
    void ruleSelectorsSpeakTheSameFourOperatorsAsSilencesAndPolicies() {
        Selector re = ExpressionParser.parse("node_cpu_usage_percent{host=~\"app|web\"} > 90")
                .selector();
        assertThat(re.matches(cpu("app"))).isTrue();
        assertThat(re.matches(cpu("apps"))).as("anchored").isFalse();
        Selector ne = ExpressionParser.parse("node_cpu_usage_percent{host!=\"monitor\"} > 90")
                .selector();
        assertThat(ne.matches(cpu("app"))).isTrue();
        assertThat(ne.matches(cpu("monitor"))).isFalse();
        Selector nre = ExpressionParser.parse("node_cpu_usage_percent{host!~\"mon.*\", host=~\".+\"} > 90")
                .selector();
        assertThat(nre.matches(cpu("app"))).isTrue();
        assertThat(nre.matches(cpu("monitor"))).isFalse();
        assertThat(nre.matches(new SeriesId("node_cpu_usage_percent", Labels.empty())))
                .as("absent label is empty")
                .isFalse();
    }

    @Test
    void absentCopiesOnlyTheEqualityLabels() {
        Selector s =
                ExpressionParser.parse("absent(up{job=\"app\", host=~\"a.*\"})").selector();
        assertThat(s.matchers()).containsExactlyEntriesOf(Map.of("job", "app"));
    }
}
