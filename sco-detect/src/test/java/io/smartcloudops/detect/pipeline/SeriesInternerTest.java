package io.smartcloudops.detect.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.SeriesId;
import org.junit.jupiter.api.Test;

class SeriesInternerTest {

    @Test
    void anInternedIdEqualsTheOriginalAndSharesItsNamesButNotItsValues() {
        SeriesInterner interner = new SeriesInterner();
        SeriesId a =
                interner.canonical(SeriesId.of(new String("up"), Labels.of(new String("job"), new String("node"))));
        SeriesId b =
                interner.canonical(SeriesId.of(new String("up"), Labels.of(new String("job"), new String("node"))));
        assertThat(a).isEqualTo(SeriesId.of("up", Labels.of("job", "node"))).isEqualTo(b);
        assertThat(b.name()).isSameAs(a.name());
        assertThat(b.labels().asMap().keySet().iterator().next())
                .isSameAs(a.labels().asMap().keySet().iterator().next());
        assertThat(b.labels().get("job")).isNotSameAs(a.labels().get("job"));
        assertThat(interner.size()).isEqualTo(2);
        assertThat(interner.canonical(SeriesId.of("up"))).isEqualTo(SeriesId.of("up"));
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
}
