package io.smartcloudops.bench.nab;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NabCrossValidationTest {
    private static final LocalDateTime T0 = LocalDateTime.of(2020, 1, 1, 0, 0);
    private static final CostProfile STANDARD = new CostProfile("standard", 1.0, 0.11, 1.0);

    /** 200 rows with one window at rows 150..159; the score is {@code peak} at row {@code at}, 0.1 elsewhere. */
    private static ScoredFile file(String path, int at, double peak) {
        List<LocalDateTime> ts = new ArrayList<>();
        double[] s = new double[200];
        for (int i = 0; i < 200; i++) {
            ts.add(T0.plusMinutes(i));
            s[i] = i == at ? peak : 0.1;
        }
        return new ScoredFile(path, ts, s);
    }

    private static CorpusLabels labels(List<ScoredFile> files) {
        Map<String, List<LabelWindow>> w = new LinkedHashMap<>();
        files.forEach(f -> w.put(f.relativePath(), List.of(new LabelWindow(T0.plusMinutes(150), T0.plusMinutes(159)))));
        return CorpusLabels.of(w);
    }

    @Test
    void aThresholdThatOnlyTheHeldOutCategoryWouldChooseIsNotChosenForIt() {
        // categories a and b peak at 0.9 inside their window; c peaks at 0.5 inside its window.
        // In-sample, a threshold of 0.5 detects all three; left out, c gets the others' threshold (0.9) and is missed.
        List<ScoredFile> files =
                List.of(file("a/x.csv", 152, 0.9), file("b/y.csv", 151, 0.9), file("c/z.csv", 152, 0.5));
        var cv = new NabCrossValidation(labels(files), List.of(STANDARD))
                .crossValidate(List.of(Map.of()), List.of(files));

        assertThat(cv.inSample().get("standard")).isGreaterThan(90.0);
        assertThat(cv.crossValidated().get("standard")).isLessThan(cv.inSample().get("standard") - 20.0);
        assertThat(cv.folds())
                .filteredOn(f -> f.heldOut().equals("c"))
                .singleElement()
                .satisfies(f -> assertThat(f.threshold()).isEqualTo(0.9));
    }

    @Test
    void theGridPointIsChosenOnTheOtherCategoriesAndScoresTheHeldOutOne() {
        // point "good" detects inside the window everywhere, point "bad" fires outside it in a and b only:
        // every fold must choose "good", and then cross-validated and in-sample agree
        List<ScoredFile> good =
                List.of(file("a/x.csv", 152, 0.9), file("b/y.csv", 151, 0.9), file("c/z.csv", 152, 0.9));
        List<ScoredFile> bad = List.of(file("a/x.csv", 40, 0.9), file("b/y.csv", 40, 0.9), file("c/z.csv", 152, 0.9));
        var cv = new NabCrossValidation(labels(good), List.of(STANDARD))
                .crossValidate(List.of(Map.of("p", "bad"), Map.of("p", "good")), List.of(bad, good));

        assertThat(cv.folds()).allSatisfy(f -> assertThat(f.settings()).containsEntry("p", "good"));
        assertThat(cv.crossValidated().get("standard")).isEqualTo(cv.inSample().get("standard"));
        assertThat(cv.inSampleSettings().get("standard")).containsEntry("p", "good");
    }

    @Test
    void gridIsTheProductOfItsAxes() {
        CvGrid grid = CvGrid.parse(List.of("echo=0.1,0.3", "refractory_half_life=50,150,450"));
        assertThat(grid.size()).isEqualTo(6);
        assertThat(grid.points()).contains(Map.of("echo", "0.3", "refractory_half_life", "450"));
        assertThat(CvGrid.parse(List.of()).points()).containsExactly(Map.of());
    }
}
