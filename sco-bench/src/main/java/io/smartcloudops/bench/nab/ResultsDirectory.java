package io.smartcloudops.bench.nab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads a detector's NAB results tree, {@code <dir>/<category>/<detector>_<file>.csv}, with at least
 * the columns {@code timestamp} and {@code anomaly_score} (in any order).
 *
 * <pre>{@code
 * List<ScoredFile> numenta = ResultsDirectory.read(Path.of("datasets/nab/reference/numenta"), "numenta");
 * }</pre>
 */
public final class ResultsDirectory {
    private ResultsDirectory() {}

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
        TimedColumn c = TimedColumn.read(csv, "anomaly_score");
        return new ScoredFile(relativePath, c.times(), c.values());
    }
}
