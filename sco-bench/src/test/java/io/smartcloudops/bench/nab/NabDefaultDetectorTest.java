package io.smartcloudops.bench.nab;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.detect.DetectorSettings;
import io.smartcloudops.api.spi.DetectorProvider;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.api.spi.ProviderRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The default detector on NAB. The quick test runs a few files on every build; the whole development
 * set is a slow test (from the reactor root: {@code mvn -pl sco-bench test -Dbench.excludedGroups=none -Dgroups=slow}).
 */
class NabDefaultDetectorTest {
    private static final List<String> QUICK = List.of(
            "artificialWithAnomaly/art_daily_jumpsup.csv",
            "realAWSCloudwatch/rds_cpu_utilization_e47b3b.csv",
            "realTraffic/occupancy_t4013.csv",
            "artificialNoAnomaly/art_noisy.csv");

    private static Map<String, ProfileScore> run(String detector, List<NabSeries> files) throws Exception {
        Path nab = SharedData.nab();
        ProviderRegistry registry = ProviderRegistry.builder()
                .discover(NabDefaultDetectorTest.class.getClassLoader())
                .build();
        NabRun run = new NabRun(
                detector,
                registry.provider(DetectorProvider.class, detector)
                        .create(ProviderContext.builder().build()),
                DetectorSettings.defaults());
        List<ScoredFile> scored = new ArrayList<>();
        for (NabSeries s : files) {
            scored.add(run.score(s));
        }
        return new NabScorer(
                        CorpusLabels.read(nab.resolve("labels/combined_windows.json")),
                        CostProfile.readAll(nab.resolve("config/profiles.json")))
                .score(scored);
    }

    private static List<NabSeries> quickFiles() throws Exception {
        List<NabSeries> out = new ArrayList<>();
        for (String rel : QUICK) {
            out.add(NabSeries.read(SharedData.nab().resolve("data").resolve(rel), rel));
        }
        return out;
    }

    @Test
    void defaultDetectorFindsTheQuickSetsAnomaliesAndBeatsTheBaseline() throws Exception {
        List<NabSeries> files = quickFiles();
        Map<String, ProfileScore> ours = run("default", files);
        Map<String, ProfileScore> baseline = run("ewma", files);
        for (String profile : List.of("standard", "reward_low_FP_rate", "reward_low_FN_rate")) {
            assertThat(ours.get(profile).normalised())
                    .as(profile)
                    .isGreaterThan(50.0)
                    .isGreaterThan(baseline.get(profile).normalised());
        }
        int windows = ours.get("standard").files().stream()
                .mapToInt(FileScore::windows)
                .sum();
        int detected = ours.get("standard").files().stream()
                .mapToInt(FileScore::detectedWindows)
                .sum();
        assertThat(detected).isEqualTo(windows);
    }

    /** The whole development set takes a few seconds: it runs in every build, so a regression cannot land unseen. */
    @Test
    void defaultDetectorOnTheWholeDevelopmentSet() throws Exception {
        Map<String, ProfileScore> ours =
                run("default", NabSeries.readAll(SharedData.nab().resolve("data")));
        NabReport report =
                new NabReport(ours.values().stream().map(ProfileScore::profile).toList()).add("default", ours);
        System.out.println(report.table());
        // regression floors just under the current ensemble (77.88 / 68.99 / 82.54 on these 41 files; NAB's
        // first place here is ARTime 77.22 / 68.09 / 82.49). The ensemble scored 78.60 / 70.73 / 83.17 while its
        // quiet period grew with the samples seen, which suits NAB's one incident per file and deafens an agent
        // that runs for weeks (issue #14)
        assertThat(ours.get("standard").normalised()).isGreaterThan(77.5);
        assertThat(ours.get("reward_low_FP_rate").normalised()).isGreaterThan(68.5);
        assertThat(ours.get("reward_low_FN_rate").normalised()).isGreaterThan(82.0);
    }
}
