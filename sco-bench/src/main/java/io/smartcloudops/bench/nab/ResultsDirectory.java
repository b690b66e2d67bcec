package io.smartcloudops.bench.nab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads a detector's NAB results tree, {@code <dir>/<category>/<detector>_<file>.csv}, with at least
 * the columns {@code timestamp} and {@code anomaly_score} (in any order).
 *
 * <pre>{@code
 * List<ScoredFile> numenta = ResultsDirectory.read(Path.of("shared/nab/reference/numenta"), "numenta");
 * }</pre>
 */
public final class ResultsDirectory {
    private ResultsDirectory() {
    }

    public static List<ScoredFile> read(Path detectorDir, String detector) throws IOException {
        if (!Files.isDirectory(detectorDir)) {
            throw new IOException("no results directory " + detectorDir);
        }
        String prefix = detector + "_";
        List<ScoredFile> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(detectorDir)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                String name = p.getFileName().toString();
                Path rel = detectorDir.relativize(p);
                if (!name.endsWith(".csv") || !name.startsWith(prefix) || rel.getNameCount() != 2) {
                    continue;
                }
                String relative = rel.getName(0) + "/" + name.substring(prefix.length());
                out.add(readFile(p, relative));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (out.isEmpty()) {
            throw new IOException("no " + prefix + "*.csv result files under " + detectorDir + "/<category>/");
        }
        return out;
    }

    static ScoredFile readFile(Path csv, String relativePath) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null) {
                throw new IOException(csv + " is empty");
            }
            List<String> columns = List.of(header.trim().split(","));
            int ts = columns.indexOf("timestamp");
            int score = columns.indexOf("anomaly_score");
            if (ts < 0 || score < 0) {
                throw new IOException(csv + ": needs columns timestamp and anomaly_score, has " + columns);
            }
            List<LocalDateTime> times = new ArrayList<>();
            double[] scores = new double[1024];
            int n = 0;
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (n == scores.length) {
                    scores = java.util.Arrays.copyOf(scores, n * 2);
                }
                try {
                    times.add(NabTime.parse(cells[ts]));
                    scores[n++] = Double.parseDouble(cells[score].trim());
                } catch (RuntimeException e) {
                    throw new IOException(csv + " row " + (n + 1) + ": cannot read '" + line + "': " + e.getMessage(), e);
                }
            }
            return new ScoredFile(relativePath, times, java.util.Arrays.copyOf(scores, n));
        }
    }
}
