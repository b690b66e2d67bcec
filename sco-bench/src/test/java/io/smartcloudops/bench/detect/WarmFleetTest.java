package io.smartcloudops.bench.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcloudops.api.metric.SeriesId;
import io.smartcloudops.bench.nab.NabDataDir;
import io.smartcloudops.bench.nab.NabSeries;
import io.smartcloudops.detect.pipeline.DetectionPipeline;
import io.smartcloudops.detect.pipeline.SampleVerdict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    void makesSamplesAndSeedCheckpointsWithoutHoldingAPipelineOfItsOwn() throws IOException {
        var factory = new DiscoveredDetectors().factory("ewma");
        WarmTemplates templates = WarmTemplates.build(nabData(), factory);

        WarmFleet fleet = WarmFleet.of(templates, 10);
        Map<SeriesId, DetectionPipeline.Checkpoint> seeds = new HashMap<>();
        fleet.checkpointEach(seeds::put);

        assertThat(seeds).hasSize(10).containsKey(fleet.id(3));
        assertThat(seeds.get(fleet.id(0)).state()).isSameAs(templates.state().get(0));
        assertThat(fleet.sampleAt(3, 1_000L).series()).isEqualTo(fleet.id(3));
        assertThatThrownBy(fleet::pipeline)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("WarmFleet.restore");
    }

    @Test
    void replaysEveryPointThroughOurDetectorAndThroughRandomCutForest() throws IOException {
        var all = RepresentativeSeries.load(nabData());
        assertThat(all).allSatisfy(s -> assertThat(s.rows()).isEqualTo(RepresentativeSeries.ROWS));
        // a few hundred points are enough to see every point scored; the benchmark replays them all
        NabSeries first = all.get(0);
        var series = List.of(new NabSeries(
                first.relativePath(), first.timestamps().subList(0, 300), Arrays.copyOf(first.values(), 300)));

        double ours = new DetectorReplay(
                        new DiscoveredDetectors().factory("ewma"),
                        io.smartcloudops.api.detect.DetectorSettings.defaults(),
                        series)
                .run();
        double forest = new ForestReplay(42, series).run();

        assertThat(ours).isFinite().isPositive();
        assertThat(forest).isFinite().isPositive();
    }
}
