package io.smartcloudops.detect.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.SeriesId;
import org.junit.jupiter.api.Test;

class SeriesInternerTest {

    private static SeriesId fresh(String name, String... pairs) {
        String[] copies = new String[pairs.length];
        for (int i = 0; i < pairs.length; i++) {
            copies[i] = new String(pairs[i]);
        }
        return SeriesId.of(new String(name), Labels.of(copies));
    }

    private static String label(SeriesId id, String name) {
        for (var e : id.labels().asMap().entrySet()) {
            if (e.getKey().equals(name)) {
                return e.getValue();
            }
        }
        throw new AssertionError(name);
    }

    private static String labelName(SeriesId id, int index) {
        return id.labels().asMap().keySet().stream().skip(index).findFirst().orElseThrow();
    }

    @Test
    void anInternedIdEqualsTheOriginalAndSharesItsNamesAndFewValuedLabels() {
        SeriesInterner interner = new SeriesInterner();
        SeriesId a = interner.canonical(fresh("node_cpu_seconds_total", "cpu", "0", "mode", "idle"));
        SeriesId b = interner.canonical(fresh("node_cpu_seconds_total", "cpu", "0", "mode", "user"));
        assertThat(a).isEqualTo(SeriesId.of("node_cpu_seconds_total", Labels.of("cpu", "0", "mode", "idle")));
        assertThat(b).isEqualTo(SeriesId.of("node_cpu_seconds_total", Labels.of("cpu", "0", "mode", "user")));
        assertThat(b.name()).isSameAs(a.name());
        assertThat(labelName(b, 1)).isSameAs(labelName(a, 1));
        assertThat(label(b, "cpu")).isSameAs(label(a, "cpu"));
        assertThat(interner.size()).isEqualTo(3);
        assertThat(interner.values()).isEqualTo(3);
        assertThat(interner.canonical(SeriesId.of("up"))).isEqualTo(SeriesId.of("up"));
    }

    @Test
    void aLabelWithManyValuesStopsBeingSharedAndLetsItsTableGo() {
        SeriesInterner interner = new SeriesInterner();
        SeriesId first = interner.canonical(fresh("m", "job", "node", "pod", "p0"));
        for (int i = 1; i <= SeriesInterner.MAX_VALUES_PER_NAME; i++) {
            interner.canonical(fresh("m", "job", "node", "pod", "p" + i));
        }
        assertThat(interner.values()).as("only job's one value").isEqualTo(1);
        SeriesId again = interner.canonical(fresh("m", "job", "node", "pod", "p0"));
        assertThat(label(again, "pod")).isEqualTo("p0").isNotSameAs(label(first, "pod"));
        assertThat(label(again, "job")).isSameAs(label(first, "job"));
    }

    @Test
    void pastItsBoundNewNamesAreKeptAsTheyCameAndOldOnesAreStillShared() {
        SeriesInterner interner = new SeriesInterner();
        String kept = interner.canonical(SeriesId.of(new String("m0"))).name();
        for (int i = 1; i < SeriesInterner.MAX_NAMES + 10; i++) {
            interner.canonical(SeriesId.of("m" + i));
        }
        assertThat(interner.size()).isEqualTo(SeriesInterner.MAX_NAMES);
        String fresh = new String("beyond_the_bound");
        assertThat(interner.canonical(SeriesId.of(fresh)).name()).isSameAs(fresh);
        assertThat(interner.canonical(SeriesId.of(new String("m0"))).name()).isSameAs(kept);
    }

    @Test
    void pastTheBoundOnAllValuesNewOnesAreKeptAsTheyCame() {
        SeriesInterner interner = new SeriesInterner();
        int perName = SeriesInterner.MAX_VALUES_PER_NAME - 1;
        for (int n = 0; interner.values() < SeriesInterner.MAX_VALUES; n++) {
            for (int v = 0; v < perName; v++) {
                interner.canonical(SeriesId.of("m", Labels.of("l" + n, "v" + v)));
            }
        }
        assertThat(interner.values()).isEqualTo(SeriesInterner.MAX_VALUES);
        String fresh = new String("new_value");
        SeriesId beyond = interner.canonical(SeriesId.of("m", Labels.of("l0", fresh)));
        assertThat(label(beyond, "l0")).isSameAs(fresh);
        assertThat(interner.values()).isEqualTo(SeriesInterner.MAX_VALUES);
    }
}
