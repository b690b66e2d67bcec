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
        assertThat(Matcher.parse("alertname=~\"Down\"").matches(labels)).as("anchored").isFalse();
        assertThat(Matcher.parse("severity!~\"warn.*|info\"").matches(labels)).isTrue();
        assertThat(Matcher.parse("missing=\"\"").matches(labels)).as("absent label is empty").isTrue();
        assertThat(Matcher.parse(" job = \"a\\\"b\" ").value()).isEqualTo("a\"b");
    }

    @Test
    void rejectsMalformedMatchersAndRegexes() {
        assertThatThrownBy(() -> Matcher.parse("host=app")).hasMessageContaining("bad matcher");
        assertThatThrownBy(() -> Matcher.parse("host==\"app\"")).hasMessageContaining("bad matcher");
        assertThatThrownBy(() -> Matcher.parse("host=~\"(unclosed\"")).hasMessageContaining("invalid regex");
        assertThatThrownBy(() -> Matcher.parse("host=~\"" + "a".repeat(300) + "\"")).hasMessageContaining("256");
    }

    @Test
    void silenceMutesOnlyWhileActiveAndNeedsARealMatcher() {
        Instant t = Instant.parse("2026-11-27T00:00:00Z");
        Silence s = new Silence("s1", List.of(Matcher.parse("host=\"app\"")), t, t.plusSeconds(3600), "alice", "maintenance");
        assertThat(s.mutes(labels, t.plusSeconds(10))).isTrue();
        assertThat(s.mutes(labels, t.plusSeconds(3600))).isFalse();
        assertThat(s.mutes(labels.with("host", "monitor"), t.plusSeconds(10))).isFalse();
        assertThatThrownBy(() -> new Silence("s2", List.of(), t, t.plusSeconds(1), "", "")).hasMessageContaining("at least one matcher");
        assertThatThrownBy(() -> new Silence("s3", List.of(Matcher.parse("host=~\".*\"")), t, t.plusSeconds(1), "", ""))
                .hasMessageContaining("empty label set");
        assertThatThrownBy(() -> new Silence("s4", List.of(Matcher.parse("host=\"app\"")), t, t, "", "")).hasMessageContaining("end after");
    }
}
