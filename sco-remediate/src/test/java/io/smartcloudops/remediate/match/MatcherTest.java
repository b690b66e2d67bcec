package io.smartcloudops.remediate.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.remediate.alerting.Silence;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatcherTest {
    private final Labels labels = Labels.of("alertname", "NginxDown", "host", "app", "severity", "critical");

    @Test
    void parsesAndAppliesTheFourOperatorsLikeAlertmanager() {
        assertThat(Matcher.parse("host=\"app\"").matches(labels)).isTrue();
        assertThat(Matcher.parse("host!=\"app\"").matches(labels)).isFalse();
        assertThat(Matcher.parse("alertname=~\"Nginx.*\"").matches(labels)).isTrue();
        assertThat(Matcher.parse("alertname=~\"Down\"").matches(labels))
                .as("anchored")
                .isFalse();
        assertThat(Matcher.parse("severity!~\"warn.*|info\"").matches(labels)).isTrue();
        assertThat(Matcher.parse("missing=\"\"").matches(labels))
                .as("absent label is empty")
                .isTrue();
        assertThat(Matcher.parse(" job = \"a\\\"b\" ").value()).isEqualTo("a\"b");
    }

    @Test
    void rejectsMalformedMatchersAndRegexes() {
        assertThatThrownBy(() -> Matcher.parse("host=app")).hasMessageContaining("bad matcher");
        assertThatThrownBy(() -> Matcher.parse("host==\"app\"")).hasMessageContaining("bad matcher");
        assertThatThrownBy(() -> Matcher.parse("host=~\"(unclosed\"")).hasMessageContaining("invalid regex");
        assertThatThrownBy(() -> Matcher.parse("host=~\"" + "a".repeat(300) + "\""))
                .hasMessageContaining("256");
    }

    @Test
    void silenceMutesOnlyWhileActiveAndNeedsARealMatcher() {
        Instant t = Instant.parse("2026-11-27T00:00:00Z");
        Silence s = new Silence(
                "s1", List.of(Matcher.parse("host=\"app\"")), t, t.plusSeconds(3600), "alice", "maintenance");
        assertThat(s.mutes(labels, t.plusSeconds(10))).isTrue();
        assertThat(s.mutes(labels, t.plusSeconds(3600))).isFalse();
        assertThat(s.mutes(labels.with("host", "monitor"), t.plusSeconds(10))).isFalse();
        assertThatThrownBy(() -> new Silence("s2", List.of(), t, t.plusSeconds(1), "", ""))
                .hasMessageContaining("at least one matcher");
        assertThatThrownBy(() -> new Silence("s3", List.of(Matcher.parse("host=~\".*\"")), t, t.plusSeconds(1), "", ""))
                .hasMessageContaining("empty label set");
        assertThatThrownBy(() -> new Silence("s4", List.of(Matcher.parse("host=\"app\"")), t, t, "", ""))
                .hasMessageContaining("end after");
    }

    @Test
    void pathologicalRegexFromTheReDoSReportIsAnsweredByTheLinearTimeEngine() {
        Matcher m = Matcher.parse("host=~\"(.*a){16}\"");
        // RE2/J, not java.util.regex: its running time is linear in the value, whatever the pattern
        assertThat(m.regex()).isInstanceOf(com.google.re2j.Pattern.class);
        String label31 = "a".repeat(15) + "b".repeat(16);
        assertThat(m.matches(Labels.of("host", label31))).isFalse();
        assertThat(m.matches(Labels.of("host", "a".repeat(16) + "b".repeat(15))))
                .isFalse();
        assertThat(m.matches(Labels.of("host", "xa".repeat(16)))).isTrue();
        assertThat(Matcher.parse("host!~\"(.*a){16}\"").matches(Labels.of("host", label31)))
                .isTrue();
    }

    @Test
    void refusesBackReferencesWhichRe2CannotRunInLinearTime() {
        assertThatThrownBy(() -> Matcher.parse("host=~\"(a)\\\\1\""))
                .hasMessageContaining("invalid regex")
                .hasMessageContaining("RE2");
    }

    @Test
    void matcherSetsThatMatchEveryAlertAreRecognised() {
        assertThat(Matcher.matchAllAlerts(List.of(Matcher.parse("alertname=~\".+\""))))
                .isTrue();
        assertThat(Matcher.matchAllAlerts(List.of(Matcher.parse("alertname!=\"\""))))
                .isTrue();
        assertThat(Matcher.matchAllAlerts(List.of(Matcher.parse("alertname=~\".*\""))))
                .isTrue();
        assertThat(Matcher.matchAllAlerts(List.of(Matcher.parse("alertname=~\"(?s).+\""))))
                .isTrue();
        assertThat(Matcher.matchAllAlerts(List.of(Matcher.parse("host!=\"x\""))))
                .isTrue();
        assertThat(Matcher.matchAllAlerts(List.of(Matcher.parse("alertname!=\"\""), Matcher.parse("severity=~\".*\""))))
                .isTrue();
        assertThat(Matcher.matchAllAlerts(List.of())).isTrue();

        assertThat(Matcher.matchAllAlerts(List.of(Matcher.parse("alertname=\"NginxDown\""))))
                .isFalse();
        assertThat(Matcher.matchAllAlerts(List.of(Matcher.parse("alertname=~\"Nginx.+\""))))
                .isFalse();
        assertThat(Matcher.matchAllAlerts(List.of(Matcher.parse("alertname!=\"\""), Matcher.parse("host=\"app\""))))
                .isFalse();
        // Alertmanager's own rule: a set whose every matcher matches the empty label set is refused
        assertThat(Matcher.matchAllAlerts(List.of(Matcher.parse("alertname!~\"Nginx.*\""))))
                .isTrue();
    }

    @Test
    void silenceRefusesTheMuteAllBypasses() {
        Instant t = Instant.parse("2026-11-27T00:00:00Z");
        for (String bypass : List.of("alertname=~\".+\"", "alertname!=\"\"")) {
            assertThatThrownBy(() -> new Silence("s", List.of(Matcher.parse(bypass)), t, t.plusSeconds(60), "", ""))
                    .as(bypass)
                    .hasMessageContaining("mute every alert");
        }
    }
}
