package io.smartcloudops.bench.nab;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * NAB's sweep over one detector's scores on a set of files ({@code nab/sweeper.py}): every scorable
 * row gets a window (or none) and an unweighted sigmoid credit; a profile then turns those into a
 * score for every candidate threshold. Rows are addressed by index, never by timestamp, exactly as
 * NAB does, so duplicate and out-of-order timestamps behave as in NAB.
 */
final class NabSweep {
    static final double PROBATION_PERCENT = 0.15;
    private static final double MAX_TP = scaledSigmoid(-1.0);

    private final List<String> files;
    private final double[] anomaly;
    private final int[] window;
    private final double[] unweighted;
    private final int[] fileOfPoint;
    private final int[] fileOfWindow;
    private final int[] order;
    private final int labelledWindows;

    private NabSweep(
            List<String> files,
            double[] anomaly,
            int[] window,
            double[] unweighted,
            int[] fileOfPoint,
            int[] fileOfWindow,
            int labelledWindows) {
        this.files = files;
        this.anomaly = anomaly;
        this.window = window;
        this.unweighted = unweighted;
        this.fileOfPoint = fileOfPoint;
        this.fileOfWindow = fileOfWindow;
        this.labelledWindows = labelledWindows;
        // highest score first; ties keep row order (Python's sort is stable, and ties never split)
        this.order = IntStream.range(0, anomaly.length)
                .boxed()
                .sorted((a, b) -> Double.compare(anomaly[b], anomaly[a]))
                .mapToInt(Integer::intValue)
                .toArray();
    }

    /** NAB's probationary length: {@code min(floor(0.15 n), 0.15 * 5000)}. */
    static double probationaryLength(int rows) {
        return Math.min(Math.floor(PROBATION_PERCENT * rows), PROBATION_PERCENT * 5000);
    }

    static double scaledSigmoid(double relativePosition) {
        if (relativePosition > 3.0) {
            return -1.0;
        }
        return 2.0 / (1.0 + Math.exp(5.0 * relativePosition)) - 1.0;
    }

    /** Builds the sweep of the labelled files among {@code scored}; unlabelled files are ignored, as in NAB. */
    static NabSweep of(List<ScoredFile> scored, CorpusLabels labels) {
        List<String> files = new ArrayList<>();
        int total = scored.stream().mapToInt(ScoredFile::rows).sum();
        double[] anomaly = new double[total];
        int[] window = new int[total];
        double[] unweighted = new double[total];
        int[] fileOfPoint = new int[total];
        List<Integer> fileOfWindow = new ArrayList<>();
        int n = 0;
        int labelled = 0;
        for (ScoredFile f : scored) {
            List<LabelWindow> limits = labels.windows(f.relativePath()).orElse(null);
            if (limits == null) {
                continue;
            }
            int fileIndex = files.size();
            files.add(f.relativePath());
            labelled += limits.size();
            n = sweepFile(
                    f, new ArrayList<>(limits), fileIndex, n, anomaly, window, unweighted, fileOfPoint, fileOfWindow);
        }
        return new NabSweep(
                List.copyOf(files),
                Arrays.copyOf(anomaly, n),
                Arrays.copyOf(window, n),
                Arrays.copyOf(unweighted, n),
                Arrays.copyOf(fileOfPoint, n),
                fileOfWindow.stream().mapToInt(Integer::intValue).toArray(),
                labelled);
    }

    /** {@code Sweeper.calcSweepScore}: appends the file's scorable rows, returns the new point count. */
    private static int sweepFile(
            ScoredFile f,
            List<LabelWindow> limits,
            int fileIndex,
            int n,
            double[] anomaly,
            int[] window,
            double[] unweighted,
            int[] fileOfPoint,
            List<Integer> fileOfWindow) {
        List<LocalDateTime> ts = f.timestamps();
        double probation = probationaryLength(ts.size());
        LabelWindow current = null;
        int currentId = -1;
        double currentWidth = 0;
        int currentRight = -1;
        double previousWidth = 0;
        int previousRight = -1;
        for (int i = 0; i < ts.size(); i++) {
            LocalDateTime t = ts.get(i);
            if (!limits.isEmpty() && t.equals(limits.get(0).start())) {
                current = limits.remove(0);
                currentRight = indexOf(ts, current.end(), f.relativePath());
                currentWidth = currentRight - indexOf(ts, current.start(), f.relativePath()) + 1;
                currentId = -1;
            }
            double credit;
            if (current != null) {
                credit = scaledSigmoid(-(currentRight - i + 1) / currentWidth);
            } else if (previousRight < 0) {
                credit = -1.0;
            } else {
                credit = scaledSigmoid(Math.abs(previousRight - i) / (previousWidth - 1));
            }
            if (i >= probation) {
                if (current != null && currentId < 0) {
                    currentId = fileOfWindow.size();
                    fileOfWindow.add(fileIndex);
                }
                anomaly[n] = f.score(i);
                window[n] = current == null ? -1 : currentId;
                unweighted[n] = credit;
                fileOfPoint[n] = fileIndex;
                n++;
            }
            if (current != null && t.equals(current.end())) {
                previousRight = i;
                previousWidth = currentWidth;
                current = null;
            }
        }
        return n;
    }

    private static int indexOf(List<LocalDateTime> ts, LocalDateTime t, String file) {
        int i = ts.indexOf(t);
        if (i < 0) {
            throw new IllegalArgumentException(
                    file + ": window edge " + t + " is not a row's timestamp; NAB needs window edges on rows");
        }
        return i;
    }

    /** Windows NAB credits when every one is detected at its first row. */
    int labelledWindows() {
        return labelledWindows;
    }

    List<String> files() {
        return files;
    }

    /**
     * {@code Sweeper.calcScoreByThreshold} plus the optimiser: the threshold (one of the scores, or
     * 1.1 for "never") that maximises the total score; the first, i.e. highest, among equals.
     */
    double[] bestThreshold(CostProfile p) {
        double[] parts = new double[fileOfWindow.length];
        Arrays.fill(parts, -p.fnWeight());
        double total = -p.fnWeight() * parts.length;
        double current = 1.1;
        double bestThreshold = current;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int idx : order) {
            if (anomaly[idx] != current) {
                if (total > bestScore) {
                    bestScore = total;
                    bestThreshold = current;
                }
                current = anomaly[idx];
            }
            total += credit(p, idx, parts);
        }
        if (total > bestScore) {
            bestScore = total;
            bestThreshold = current;
        }
        return new double[] {bestThreshold, bestScore};
    }

    /** Adds point {@code idx} as a detection; returns the change of the total. */
    private double credit(CostProfile p, int idx, double[] parts) {
        int w = window[idx];
        if (w < 0) {
            return unweighted[idx] * p.fpWeight();
        }
        double v = unweighted[idx] * p.tpWeight() / MAX_TP;
        if (v > parts[w]) {
            double delta = v - parts[w];
            parts[w] = v;
            return delta;
        }
        return 0.0;
    }

    /** Each file's score, detections and false positives when rows scoring {@code >= threshold} are detections. */
    List<FileScore> scoreFiles(CostProfile p, double threshold) {
        double[] parts = new double[fileOfWindow.length];
        Arrays.fill(parts, -p.fnWeight());
        double[] fp = new double[files.size()];
        int[] fpCount = new int[files.size()];
        for (int idx = 0; idx < anomaly.length; idx++) {
            if (anomaly[idx] >= threshold) {
                if (window[idx] < 0) {
                    fpCount[fileOfPoint[idx]]++;
                    fp[fileOfPoint[idx]] += credit(p, idx, parts);
                } else {
                    credit(p, idx, parts);
                }
            }
        }
        double[] score = fp.clone();
        int[] windows = new int[files.size()];
        int[] detected = new int[files.size()];
        for (int w = 0; w < parts.length; w++) {
            int f = fileOfWindow[w];
            score[f] += parts[w];
            windows[f]++;
            if (parts[w] > -p.fnWeight()) {
                detected[f]++;
            }
        }
        List<FileScore> out = new ArrayList<>(files.size());
        for (int f = 0; f < files.size(); f++) {
            out.add(new FileScore(files.get(f), score[f], detected[f], windows[f], fpCount[f]));
        }
        return out;
    }
}
