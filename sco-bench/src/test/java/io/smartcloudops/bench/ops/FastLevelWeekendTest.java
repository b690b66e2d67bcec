package io.smartcloudops.bench.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.bench.detect.DiscoveredDetectors;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The default detector's fast level record on the development corpus (seed 42; seed 7 is for checks
 * only). A weekend's lower level broke the record's contracted range again a week after the series first
 * sustained it: 17 of the false pages at the shipped threshold 0.95 were the fast level record's on a
 * weekend before the fast level within the levels the series sustained was judged as a bare record, 10
 * after (see {@code SustainedLevels}). The first weekend, a level never seen, is still a new extreme.
 */
class FastLevelWeekendTest {
    @Test
    void aWeekendLevelSustainedBeforeIsRarelyANewLevelExtreme() {
        FalseAlarmSources found = FalseAlarmSources.measure(
                new OpsCorpus(42).generate(20, 14), new DiscoveredDetectors().factory("default"), 42, 0.95);
        int weekend = 0;
        for (Map.Entry<String, Integer> e : found.byMember().entrySet()) {
            if (e.getKey().startsWith("new level extreme (") && e.getKey().endsWith(", weekend)")) {
                weekend += e.getValue();
            }
        }
        assertThat(weekend).isLessThanOrEqualTo(12);
        // 64 false pages before the deviating run member, 70 with it, which finds 22 more incidents at 0.95 (127 -> 149
        // of 228): a bound on all pages, raised deliberately with it (issue #14)
        assertThat(found.pages()).isLessThanOrEqualTo(70);
    }
}
