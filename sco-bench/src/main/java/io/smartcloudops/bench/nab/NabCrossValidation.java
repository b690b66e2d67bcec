package io.smartcloudops.bench.nab;

import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.detect.DetectorSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Leave-one-category-out cross-validation on NAB. For each of the categories (seven in NAB's
 * development files), the grid point and the alarm threshold are chosen on the other categories'
 * files alone, and the held-out category is scored with that choice. Every file is scored exactly
 * once, by a choice that never saw it; the held-out raw scores are summed and normalised against
 * the null and perfect detectors of the whole set, as NAB normalises an in-sample run, so the two
 * figures are comparable. The in-sample figure beside it is the best grid point and threshold chosen
 * on all files, which is what a tuner looking at the whole set would report.
 *
 * <pre>{@code
 * CvOutcome cv = new NabCrossValidation(labels, profiles).run(files, CvGrid.parse(List.of("echo=0.1,0.3")), settings -> factory(settings));
 * }</pre>
 */
public final class NabCrossValidation {
    private final CorpusLabels labels;
    private final List<CostProfile> profiles;

    public NabCrossValidation(CorpusLabels labels, List<CostProfile> profiles) {
        this.labels = Objects.requireNonNull(labels, "labels");
        this.profiles = List.copyOf(profiles);
    }

    /** The settings chosen for one held-out category under one profile, and its held-out raw score. */
    public record FoldChoice(
            String heldOut, String profile, Map<String, String> settings, double threshold, double heldOutRaw) {
        public FoldChoice {
            settings = Map.copyOf(settings);
        }
    }

    /**
     * @param inSample per profile, the normalised score of the best grid point and threshold on all files
     * @param inSampleSettings per profile, that grid point
     * @param crossValidated per profile, the normalised sum of the held-out scores
     */
    public record CvOutcome(
            int gridPoints,
            Map<String, Double> inSample,
            Map<String, Map<String, String>> inSampleSettings,
            Map<String, Double> crossValidated,
            List<FoldChoice> folds) {
        public CvOutcome {
            inSample = Map.copyOf(inSample);
            inSampleSettings = Map.copyOf(inSampleSettings);
            crossValidated = Map.copyOf(crossValidated);
            folds = List.copyOf(folds);
        }
    }

    /**
     * Runs every grid point once over all files (a fresh detector per file, as {@link NabRun}) and
     * cross-validates the choice.
     *
     * @param factories the detector factory for one grid point's settings ({@code KEY -> VALUE})
     */
    public CvOutcome run(List<NabSeries> files, CvGrid grid, Function<Map<String, String>, DetectorFactory> factories) {
        List<Map<String, String>> points = grid.points();
        List<List<ScoredFile>> scored = new ArrayList<>(points.size());
        for (Map<String, String> point : points) {
            NabRun run = new NabRun("cv", factories.apply(point), DetectorSettings.defaults());
            List<ScoredFile> results = new ArrayList<>(files.size());
            for (NabSeries s : files) {
                results.add(run.score(s));
            }
            scored.add(results);
        }
        return crossValidate(points, scored);
    }

    /** Cross-validates already scored grid points ({@code scored.get(i)} are the files scored with {@code points.get(i)}). */
    CvOutcome crossValidate(List<Map<String, String>> points, List<List<ScoredFile>> scored) {
        List<ScoredFile> all = scored.get(0);
        Set<String> categories = new LinkedHashSet<>();
        all.forEach(f -> categories.add(category(f)));
        NabSweep nullSweep = NabSweep.of(NabScorer.nullDetector(all), labels);
        Map<String, Double> inSample = new LinkedHashMap<>();
        Map<String, Map<String, String>> inSampleSettings = new LinkedHashMap<>();
        Map<String, Double> cv = new LinkedHashMap<>();
        List<FoldChoice> folds = new ArrayList<>();
        for (CostProfile p : profiles) {
            double nullScore = nullSweep.bestThreshold(p)[1];
            double perfect = nullSweep.labelledWindows() * p.tpWeight();
            int bestAll = 0;
            double bestAllRaw = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < points.size(); i++) {
                double raw = NabSweep.of(scored.get(i), labels).bestThreshold(p)[1];
                if (raw > bestAllRaw) {
                    bestAllRaw = raw;
                    bestAll = i;
                }
            }
            inSample.put(p.name(), 100.0 * (bestAllRaw - nullScore) / (perfect - nullScore));
            inSampleSettings.put(p.name(), points.get(bestAll));
            double heldOutTotal = 0;
            for (String c : categories) {
                int chosen = 0;
                double chosenRaw = Double.NEGATIVE_INFINITY;
                double chosenThreshold = 1.1;
                for (int i = 0; i < points.size(); i++) {
                    double[] best =
                            NabSweep.of(only(scored.get(i), c, false), labels).bestThreshold(p);
                    if (best[1] > chosenRaw) {
                        chosenRaw = best[1];
                        chosen = i;
                        chosenThreshold = best[0];
                    }
                }
                double heldOut =
                        NabSweep.of(only(scored.get(chosen), c, true), labels).scoreFiles(p, chosenThreshold).stream()
                                .mapToDouble(FileScore::score)
                                .sum();
                heldOutTotal += heldOut;
                folds.add(new FoldChoice(c, p.name(), points.get(chosen), chosenThreshold, heldOut));
            }
            cv.put(p.name(), 100.0 * (heldOutTotal - nullScore) / (perfect - nullScore));
        }
        return new CvOutcome(points.size(), inSample, inSampleSettings, cv, folds);
    }

    /**
     * The shipped threshold of a detector whose scores are mapped by alarm rate ({@code
     * CalibratedScorer.toRateScore}: {@code exp(-span * 10^-s)}, so the constant is the rate), cross-validated
     * as the constant it stands on: for each held-out category, the rate at which {@code reference}'s
     * (the default's) normal samples, outside the labelled windows, of the other categories reach {@code
     * shipped}; the held-out files of {@code scored} are scored at {@code exp(-span * rate)}, the threshold
     * that rate would have shipped, and the held-out raw scores normalised as {@link #crossValidate} does.
     *
     * @return per profile, the normalised sum of the held-out scores
     */
    Map<String, Double> atReferenceRate(
            List<ScoredFile> reference, List<ScoredFile> scored, double shipped, double span) {
        Map<String, long[]> normal = new LinkedHashMap<>();
        for (ScoredFile f : reference) {
            long[] counts = normal.computeIfAbsent(category(f), c -> new long[2]);
            for (int i = 0; i < f.rows(); i++) {
                if (labels.label(f.relativePath(), f.timestamps().get(i)) == 0) {
                    counts[0]++;
                    counts[1] += f.scores()[i] >= shipped ? 1 : 0;
                }
            }
        }
        NabSweep nullSweep = NabSweep.of(NabScorer.nullDetector(scored), labels);
        Map<String, Double> cv = new LinkedHashMap<>();
        for (CostProfile p : profiles) {
            double nullScore = nullSweep.bestThreshold(p)[1];
            double perfect = nullSweep.labelledWindows() * p.tpWeight();
            double heldOutTotal = 0;
            for (String c : normal.keySet()) {
                long samples = 0;
                long alarms = 0;
                for (Map.Entry<String, long[]> e : normal.entrySet()) {
                    if (!e.getKey().equals(c)) {
                        samples += e.getValue()[0];
                        alarms += e.getValue()[1];
                    }
                }
                double threshold = Math.exp(-span * alarms / Math.max(1, samples));
                heldOutTotal += NabSweep.of(only(scored, c, true), labels).scoreFiles(p, threshold).stream()
                        .mapToDouble(FileScore::score)
                        .sum();
            }
            cv.put(p.name(), 100.0 * (heldOutTotal - nullScore) / (perfect - nullScore));
        }
        return cv;
    }

    private static List<ScoredFile> only(List<ScoredFile> files, String category, boolean inside) {
        return files.stream()
                .filter(f -> category(f).equals(category) == inside)
                .toList();
    }

    private static String category(ScoredFile f) {
        int slash = f.relativePath().indexOf('/');
        return slash < 0 ? "" : f.relativePath().substring(0, slash);
    }
}
