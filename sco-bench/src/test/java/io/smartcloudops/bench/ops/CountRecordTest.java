package io.smartcloudops.bench.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.bench.detect.DiscoveredDetectors;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The default detector's raw record on the development corpus's counts (seed 42; seed 7 is for checks
 * only). A count's range is broken by whole units as a matter of course: 11 of the false pages at the
 * shipped threshold 0.95 were the raw record's on count series (70 in all, with the deviating run member)
 * before it judged a count's overshoot against how far the series' records usually overshoot, 6 after (66
 * in all; see {@code RecordOvershoots} in sco-detect).
 */
class CountRecordTest {
    @Test
    void aNewMaximumOfACountIsRarelyAPage() {
        FalseAlarmSources found = FalseAlarmSources.measure(
                new OpsCorpus(42).generate(20, 14), new DiscoveredDetectors().factory("default"), 42, 0.95);
        int counts = 0;
        for (Map.Entry<String, Integer> e : found.byMember().entrySet()) {
            if (e.getKey().startsWith("new extreme (counts")) {
                counts += e.getValue();
            }
        }
        assertThat(counts).isLessThanOrEqualTo(8);
        assertThat(found.pages()).isLessThanOrEqualTo(68);
    }
}
