package io.smartcloudops.api.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
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

    @Test
    void asMapIsAnUnmodifiableNameOrderedMapEqualToAnyMapOfThePairs() {
        Labels l = Labels.of("zone", "b", "host", "app", "mode", "user");
        Map<String, String> m = l.asMap();
        assertThat(m.keySet()).containsExactly("host", "mode", "zone");
        assertThat(m.get("mode")).isEqualTo("user");
        assertThat(m.get("absent")).isNull();
        assertThat(m.containsKey("zone")).isTrue();
        assertThat(m.containsKey("zon")).isFalse();
        Map<String, String> hashed = new HashMap<>(Map.of("host", "app", "mode", "user", "zone", "b"));
        assertThat(m).isEqualTo(hashed).hasSameHashCodeAs(hashed);
        assertThat(l.hashCode()).isEqualTo(hashed.hashCode());
        assertThatThrownBy(() -> m.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> m.entrySet().iterator().next().setValue("y"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void withInsertsInNameOrderOrReplacesTheValue() {
        Labels l = Labels.of("b", "2", "d", "4");
        assertThat(l.with("a", "1").asMap().keySet()).containsExactly("a", "b", "d");
        assertThat(l.with("c", "3").asMap().keySet()).containsExactly("b", "c", "d");
        assertThat(l.with("e", "5").asMap().keySet()).containsExactly("b", "d", "e");
        assertThat(l.with("d", "x")).isEqualTo(Labels.of("b", "2", "d", "x"));
        assertThat(Labels.empty().with("a", "1")).isEqualTo(Labels.of("a", "1"));
        assertThatThrownBy(() -> l.with("9", "x")).hasMessageContaining("invalid label name '9'");
    }

    @Test
    void manyPairsSortAndStillRejectDuplicates() {
        TreeMap<String, String> expected = new TreeMap<>();
        String[] pairs = new String[60];
        for (int i = 0; i < 30; i++) {
            String name = "l" + (29 - i);
            pairs[2 * i] = name;
            pairs[2 * i + 1] = "v" + i;
            expected.put(name, "v" + i);
        }
        Labels l = Labels.of(pairs);
        assertThat(l.asMap()).containsExactlyEntriesOf(expected);
        assertThat(l).isEqualTo(Labels.of(expected));
        String[] twice = pairs.clone();
        twice[58] = "l7";
        assertThatThrownBy(() -> Labels.of(twice)).hasMessageContaining("label 'l7' given twice");
    }
}
