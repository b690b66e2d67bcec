package io.smartcloudops.bench.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OpsCorpusTest {
    @Test
    void theSameSeedGivesTheSameCorpusAndAnotherSeedAnother() {
        List<OpsSeries> a = new OpsCorpus(7).generate(3, 7);
        List<OpsSeries> b = new OpsCorpus(7).generate(3, 7);
        List<OpsSeries> c = new OpsCorpus(8).generate(3, 7);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).values()).containsExactly(b.get(i).values());
            assertThat(a.get(i).timestamps()).containsExactly(b.get(i).timestamps());
            assertThat(a.get(i).incidents()).isEqualTo(b.get(i).incidents());
        }
        assertThat(c.get(0).values()).isNotEqualTo(a.get(0).values());
    }

    @Test
    void seriesAreLongWithManyIncidentsOfEveryKindAndMissingStretches() {
        List<OpsSeries> corpus = new OpsCorpus(42).generate(10, 14);
        for (OpsSeries s : corpus) {
            long[] t = s.timestamps();
            assertThat(t[t.length - 1] - t[0]).isGreaterThan(13 * OpsCorpus.DAY);
            assertThat(s.incidents().size()).as(s.name()).isGreaterThanOrEqualTo(5);
            boolean gap = false;
            for (int i = 1; i < t.length; i++) {
                assertThat(t[i]).isGreaterThan(t[i - 1]);
                gap |= t[i] - t[i - 1] > 5 * OpsCorpus.MINUTE;
            }
            assertThat(gap).as(s.name() + " has a missing stretch").isTrue();
            // no incident in the warm-up day, none overlapping the next
            assertThat(s.incidents().get(0).start()).isGreaterThanOrEqualTo(t[0] + OpsCorpus.DAY);
            for (int i = 1; i < s.incidents().size(); i++) {
                assertThat(s.incidents().get(i).start())
                        .isGreaterThan(s.incidents().get(i - 1).end());
            }
        }
        assertThat(corpus.stream()
                        .flatMap(s -> s.incidents().stream())
                        .map(OpsSeries.Incident::kind)
                        .distinct())
                .containsExactlyInAnyOrder("spike", "level shift", "variance burst", "outage", "drift");
    }
}
