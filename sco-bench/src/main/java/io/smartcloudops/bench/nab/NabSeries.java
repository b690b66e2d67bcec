package io.smartcloudops.bench.nab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One NAB data file, {@code timestamp,value} rows in file order (never re-sorted: NAB scores by row).
 *
 * @param relativePath path under the data directory, {@code <category>/<file>.csv}
 */
public record NabSeries(String relativePath, List<LocalDateTime> timestamps, double[] values) {
    public NabSeries {
        Objects.requireNonNull(relativePath, "relativePath");
        timestamps = List.copyOf(timestamps);
        values = values.clone();
        if (timestamps.size() != values.length) {
            throw new IllegalArgumentException(
                    relativePath + ": " + timestamps.size() + " timestamps but " + values.length + " values");
        }
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    public double value(int row) {
        return values[row];
    }

    /** A row's timestamp in epoch milliseconds (NAB's times carry no zone; read as UTC). */
    public long epochMillis(int row) {
        return NabTime.epochMillis(timestamps.get(row));
    }

    public int rows() {
        return values.length;
    }

    /** The category folder, e.g. {@code realKnownCause}. */
    public String category() {
        return relativePath.substring(0, relativePath.indexOf('/'));
    }

    /** The file name, e.g. {@code nyc_taxi.csv}. */
    public String fileName() {
        return relativePath.substring(relativePath.indexOf('/') + 1);
    }

    /** Every {@code <category>/<file>.csv} under a NAB data directory, sorted by path. */
    public static List<NabSeries> readAll(Path dataDir) throws IOException {
        if (!Files.isDirectory(dataDir)) {
            throw new IOException("no NAB data directory " + dataDir);
        }
        List<NabSeries> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dataDir, 2)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                Path rel = dataDir.relativize(p);
                if (rel.getNameCount() == 2 && p.getFileName().toString().endsWith(".csv")) {
                    out.add(read(p, rel.getName(0) + "/" + rel.getName(1)));
                }
            }
        }
        if (out.isEmpty()) {
            throw new IOException("no <category>/<file>.csv under " + dataDir);
        }
        return out;
    }

    /** One file of a NAB data directory, by its {@code <category>/<file>.csv} path. */
    public static NabSeries readFile(Path dataDir, String relativePath) throws IOException {
        Path csv = dataDir.resolve(relativePath);
        if (!Files.isRegularFile(csv)) {
            throw new IOException(
                    "no NAB file " + csv + "; give the NAB data directory (the one holding realKnownCause/)");
        }
        return read(csv, relativePath);
    }

    static NabSeries read(Path csv, String relativePath) throws IOException {
        TimedColumn c = TimedColumn.read(csv, "value");
        return new NabSeries(relativePath, c.times(), c.values());
    }
}
