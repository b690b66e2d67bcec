package io.smartcloudops.bench.nab;

import io.smartcloudops.api.detect.Detector;
import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.detect.DetectorSettings;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one detector causally over NAB files (a fresh detector per file, rows in file order) and
 * writes NAB's results layout: {@code <out>/<detector>/<category>/<detector>_<file>.csv} with columns
 * {@code timestamp,value,anomaly_score,label}.
 */
public final class NabRun {
    private static final SeriesId SERIES = SeriesId.of("nab_series");
    private static final DateTimeFormatter NAB_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final String detector;
    private final DetectorFactory factory;
    private final DetectorSettings settings;

    public NabRun(String detector, DetectorFactory factory, DetectorSettings settings) {
        this.detector = detector;
        this.factory = factory;
        this.settings = settings;
    }

    /** The detector's raw scores for one file; each row is scored before any later row is seen. */
    public ScoredFile score(NabSeries series) {
        Detector d = factory.create(SERIES, settings);
        double[] scores = new double[series.rows()];
        for (int i = 0; i < scores.length; i++) {
            long t = NabTime.epochMillis(series.timestamps().get(i));
            scores[i] = d.update(new Sample(SERIES, t, series.value(i))).value();
        }
        return new ScoredFile(series.relativePath(), series.timestamps(), scores);
    }

    /** Scores every file and writes its results CSV under {@code outDir}; returns the scores. */
    public List<ScoredFile> scoreAndWrite(List<NabSeries> files, CorpusLabels labels, Path outDir) throws IOException {
        List<ScoredFile> out = new ArrayList<>(files.size());
        for (NabSeries s : files) {
            ScoredFile scored = score(s);
            write(s, scored, labels, outDir);
            out.add(scored);
        }
        return out;
    }

    private void write(NabSeries s, ScoredFile scored, CorpusLabels labels, Path outDir) throws IOException {
        Path dir = outDir.resolve(detector).resolve(s.category());
        Files.createDirectories(dir);
        Path file = dir.resolve(detector + "_" + s.fileName());
        double[] scores = scored.scores();
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("timestamp,value,anomaly_score,label\n");
            for (int i = 0; i < s.rows(); i++) {
                w.write(NAB_FORMAT.format(s.timestamps().get(i)));
                w.write(',');
                w.write(Double.toString(s.value(i)));
                w.write(',');
                w.write(Double.toString(scores[i]));
                w.write(',');
                w.write(Integer.toString(
                        labels.label(s.relativePath(), s.timestamps().get(i))));
                w.write('\n');
            }
        }
    }
}
