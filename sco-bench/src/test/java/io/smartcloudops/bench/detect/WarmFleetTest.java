package io.smartcloudops.bench.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.bench.nab.NabDataDir;
import io.smartcloudops.bench.nab.NabSeries;
import io.smartcloudops.detect.pipeline.SampleVerdict;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class WarmFleetTest {
    private static Path nabData() {
        String nab = System.getProperty("sco.nab.dir");
        return NabDataDir.resolve(nab == null ? null : Path.of(nab, "data").toString());
    }

    @Test
    void restoresEverySeriesWarmAndScoresTheirNextSamplesWithoutDrops() throws IOException {
        var factory = new DiscoveredDetectors().factory("ewma");
        WarmTemplates templates = WarmTemplates.build(nabData(), factory);

        WarmFleet fleet = WarmFleet.restore(factory, templates, 50);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < fleet.size(); i++) {
                assertThat(fleet.ingest(i).verdict()).isEqualTo(SampleVerdict.SCORED);
            }
        }

        assertThat(fleet.pipeline().seriesCount()).isEqualTo(50);
        assertThat(fleet.pipeline().count(SampleVerdict.SCORED)).isEqualTo(150);
        assertThat(templates.size()).isEqualTo(RepresentativeSeries.FILES.size());
        assertThat(templates.maxStateBytes()).isPositive();
    }

    @Test
    void replaysEveryPointThroughOurDetectorAndThroughRandomCutForest() throws IOException {
        var all = RepresentativeSeries.load(nabData());
        assertThat(all).allSatisfy(s -> assertThat(s.rows()).isEqualTo(RepresentativeSeries.ROWS));
        // a few hundred points are enough to see every point scored; the benchmark replays them all
        NabSeries first = all.get(0);
        var series = java.util.List.of(new NabSeries(first.relativePath(), first.timestamps().subList(0, 300),
                java.util.Arrays.copyOf(first.values(), 300)));

        double ours = new DetectorReplay(new DiscoveredDetectors().factory("ewma"),
                io.smartcloudops.api.detect.DetectorSettings.defaults(), series).run();
        double forest = new ForestReplay(42, series).run();

        assertThat(ours).isFinite().isPositive();
        assertThat(forest).isFinite().isPositive();
    }
}
