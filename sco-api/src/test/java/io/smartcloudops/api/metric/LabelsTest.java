package io.smartcloudops.api.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelsTest {

    @Test
    void sortsByNameAndComparesByContent() {
        Labels a = Labels.of("mode", "user", "host", "app");
        Labels b = Labels.of(Map.of("host", "app", "mode", "user"));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.toString()).isEqualTo("{host=\"app\",mode=\"user\"}");
    }

    @Test
    void withReturnsANewSetAndLeavesTheOriginal() {
        Labels a = Labels.of("host", "app");
        Labels b = a.with("host", "monitor").with("cpu", "0");
        assertThat(a.get("host")).isEqualTo("app");
        assertThat(b.asMap()).containsExactly(Map.entry("cpu", "0"), Map.entry("host", "monitor"));
    }

    @Test
    void rejectsInvalidNamesOddPairsAndDuplicates() {
        assertThatThrownBy(() -> Labels.of("1bad", "x")).hasMessageContaining("invalid label name '1bad'");
        assertThatThrownBy(() -> Labels.of("a")).hasMessageContaining("odd");
        assertThatThrownBy(() -> Labels.of("a", "1", "a", "2")).hasMessageContaining("given twice");
        assertThatThrownBy(() -> SeriesId.of("bad-name")).hasMessageContaining("invalid metric name");
    }

    @Test
    void escapesValuesInPrometheusNotation() {
        assertThat(Labels.of("path", "a\"b\\c\nd").toString()).isEqualTo("{path=\"a\\\"b\\\\c\\nd\"}");
    }
}
