package io.smartcloudops.remediate.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleReloaderTest {
    @TempDir
    Path dir;

    private static String rules(String... names) {
        StringBuilder sb = new StringBuilder("groups:\n  - name: g\n    rules:\n");
        for (String n : names) {
            sb.append("      - alert: ").append(n).append("\n        expr: cpu > 1\n");
        }
        return sb.toString();
    }

    private void write(Path f, String text, int second) throws Exception {
        Files.writeString(f, text);
        Files.setLastModifiedTime(
                f, FileTime.from(Instant.parse("2026-11-27T00:00:00Z").plusSeconds(second)));
    }

    @Test
    void reloadsOnChangeAndKeepsTheOldRulesWhenTheNewFileIsInvalid() throws Exception {
        Path f = dir.resolve("rules.yml");
        write(f, rules("A"), 0);
        List<RuleSet> applied = new ArrayList<>();
        RuleReloader r = RuleReloader.fromFile(f, applied::add);
        assertThat(r.reloadIfChanged()).isEmpty();

        write(f, rules("A", "B"), 1);
        assertThat(r.reloadIfChanged())
                .hasValueSatisfying(s -> assertThat(s.rules()).hasSize(2));

        write(f, "groups: [", 2);
        assertThatThrownBy(r::reloadIfChanged).isInstanceOf(RuleFileException.class);
        assertThat(r.current().rules()).extracting(Rule::name).containsExactly("A", "B");
        assertThat(r.reloadIfChanged()).as("a bad file is reported once").isEmpty();
        assertThat(applied).hasSize(2);
    }

    @Test
    void invalidFileAtStartIsAnError() throws Exception {
        Path f = dir.resolve("rules.yml");
        write(f, "groups:\n  - name: g\n    rules:\n      - alert: A\n", 0);
        assertThatThrownBy(() -> RuleReloader.fromFile(f, s -> {}))
                .isInstanceOf(RuleFileException.class)
                .hasMessageContaining("missing 'expr'");
    }
}
