package io.smartcloudops.bench.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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

    /** 200 rows scoring 0.1, except {@code alarms} rows before the window at 0.95. */
    private static ScoredFile reference(String path, int alarms) {
        List<LocalDateTime> ts = new ArrayList<>();
        double[] s = new double[200];
        for (int i = 0; i < 200; i++) {
            ts.add(T0.plusMinutes(i));
            s[i] = i < alarms ? 0.95 : 0.1;
        }
        return new ScoredFile(path, ts, s);
    }

    @Test
    void theRateMappedThresholdOfAHeldOutCategoryComesFromTheReferencesAlarmsOnTheOthers() {
        // the reference alarms on 20 of a's 190 normal rows and never on b's or c's: left out, a gets the
        // rate of b and c (0, threshold 1) and is missed; b and c get 20 / 380 (threshold exp(-20 / 380) =
        // 0.9487 at span 1) and their peaks of 0.99 and 0.949 are found
        List<ScoredFile> ref = List.of(reference("a/x.csv", 20), reference("b/y.csv", 0), reference("c/z.csv", 0));
        List<ScoredFile> named =
                List.of(file("a/x.csv", 152, 0.99), file("b/y.csv", 151, 0.99), file("c/z.csv", 152, 0.949));
        NabCrossValidation validation = new NabCrossValidation(labels(named), List.of(STANDARD));
        double cv = validation.atReferenceRate(ref, named, 0.95, 1.0).get("standard");
        double allFound = validation
                .crossValidate(List.of(Map.of()), List.of(named))
                .inSample()
                .get("standard");
        List<ScoredFile> quiet = List.of(reference("a/x.csv", 0), reference("b/y.csv", 0), reference("c/z.csv", 0));
        double noneFound = validation.atReferenceRate(quiet, named, 0.95, 1.0).get("standard");

        assertThat(allFound).isGreaterThan(90.0);
        assertThat(noneFound).isLessThan(1.0);
        // two of three windows found, one missed: about two thirds of the way from none to all
        assertThat((cv - noneFound) / (allFound - noneFound)).isCloseTo(2.0 / 3, within(0.05));
    }

    @Test
    void gridIsTheProductOfItsAxes() {
        CvGrid grid = CvGrid.parse(List.of("echo=0.1,0.3", "refractory_half_life=50,150,450"));
        assertThat(grid.size()).isEqualTo(6);
        assertThat(grid.points()).contains(Map.of("echo", "0.3", "refractory_half_life", "450"));
        assertThat(CvGrid.parse(List.of()).points()).containsExactly(Map.of());
    }
}
