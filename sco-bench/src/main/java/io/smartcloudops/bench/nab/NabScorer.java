package io.smartcloudops.bench.nab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * NAB's scoring, re-implemented from {@code nab/sweeper.py}, {@code nab/optimizer.py} and
 * {@code nab/runner.py}: per profile, one threshold for all files (the score value that maximises the
 * total), then normalisation against the null and the perfect detector.
 *
 * <pre>{@code
 * NabScorer scorer = new NabScorer(CorpusLabels.read(labels), CostProfile.readAll(profiles));
 * Map<String, ProfileScore> byProfile = scorer.score(results);   // results: List<ScoredFile>
 * }</pre>
 */
public final class NabScorer {
    private final CorpusLabels labels;
    private final List<CostProfile> profiles;

    public NabScorer(CorpusLabels labels, List<CostProfile> profiles) {
        this.labels = Objects.requireNonNull(labels, "labels");
        this.profiles = List.copyOf(profiles);
        if (this.profiles.isEmpty()) {
            throw new IllegalArgumentException("no cost profile given");
        }
    }

    public List<CostProfile> profiles() {
        return profiles;
    }

    /** Scores one detector's files under every profile, keyed by profile name in profile order. */
    public Map<String, ProfileScore> score(List<ScoredFile> results) {
        if (results.stream().noneMatch(f -> labels.windows(f.relativePath()).isPresent())) {
            throw new IllegalArgumentException(
                    "none of the " + results.size() + " result files is labelled; check the labels file");
        }
        NabSweep sweep = NabSweep.of(results, labels);
        NabSweep nullSweep = NabSweep.of(nullDetector(results), labels);
        Map<String, ProfileScore> out = new LinkedHashMap<>();
        for (CostProfile p : profiles) {
            double[] best = sweep.bestThreshold(p);
            double nullScore = nullSweep.bestThreshold(p)[1];
            double perfect = sweep.labelledWindows() * p.tpWeight();
            double normalised = 100.0 * (best[1] - nullScore) / (perfect - nullScore);
            out.put(
                    p.name(),
                    new ProfileScore(
                            p, best[0], best[1], nullScore, perfect, normalised, sweep.scoreFiles(p, best[0])));
        }
        return out;
    }

    /**
     * Scores one detector's files under every profile at one fixed {@code threshold} (the one an agent
     * ships with) instead of the best one chosen after the fact.
     */
    public Map<String, ProfileScore> scoreAt(List<ScoredFile> results, double threshold) {
        NabSweep sweep = NabSweep.of(results, labels);
        NabSweep nullSweep = NabSweep.of(nullDetector(results), labels);
        Map<String, ProfileScore> out = new LinkedHashMap<>();
        for (CostProfile p : profiles) {
            List<FileScore> files = sweep.scoreFiles(p, threshold);
            double raw = files.stream().mapToDouble(FileScore::score).sum();
            double nullScore = nullSweep.bestThreshold(p)[1];
            double perfect = sweep.labelledWindows() * p.tpWeight();
            out.put(
                    p.name(),
                    new ProfileScore(
                            p,
                            threshold,
                            raw,
                            nullScore,
                            perfect,
                            100.0 * (raw - nullScore) / (perfect - nullScore),
                            files));
        }
        return out;
    }

    /** NAB's null detector scores every row 0.5. */
    static List<ScoredFile> nullDetector(List<ScoredFile> results) {
        List<ScoredFile> out = new ArrayList<>(results.size());
        for (ScoredFile f : results) {
            double[] half = new double[f.rows()];
            Arrays.fill(half, 0.5);
            out.add(new ScoredFile(f.relativePath(), f.timestamps(), half));
        }
        return out;
    }
}
