package io.smartcloudops.bench.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The scorer reproduces the published scores of NAB's reference detectors on the development set. */
class NabScorerReferenceTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "ARTime,          77.22, 68.09, 82.49",
        "numenta,         71.93, 65.47, 75.86",
        "contextOSE,      69.94, 67.17, 73.19",
        "randomCutForest, 54.96, 41.20, 62.29",
    })
    void reproducesPublishedReferenceScores(String detector, double standard, double lowFp, double lowFn)
            throws Exception {
        Path nab = SharedData.nab();
        NabScorer scorer = new NabScorer(
                CorpusLabels.read(nab.resolve("labels/combined_windows.json")),
                CostProfile.readAll(nab.resolve("config/profiles.json")));
        List<ScoredFile> results =
                ResultsDirectory.read(nab.resolve("reference").resolve(detector), detector);

        Map<String, ProfileScore> scores = scorer.score(results);

        assertThat(results).hasSize(41);
        assertThat(scores.get("standard").normalised()).isCloseTo(standard, within(0.1));
        assertThat(scores.get("reward_low_FP_rate").normalised()).isCloseTo(lowFp, within(0.1));
        assertThat(scores.get("reward_low_FN_rate").normalised()).isCloseTo(lowFn, within(0.1));
    }
}
