package io.smartcloudops.bench.nab;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
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
            throw new IllegalArgumentException(relativePath + ": " + timestamps.size() + " timestamps but " + values.length + " values");
        }
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    double value(int row) {
        return values[row];
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

    static NabSeries read(Path csv, String relativePath) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            List<String> columns = header == null ? List.of() : List.of(header.trim().split(","));
            int ts = columns.indexOf("timestamp");
            int value = columns.indexOf("value");
            if (ts < 0 || value < 0) {
                throw new IOException(csv + ": needs a header with columns timestamp and value, has " + columns);
            }
            List<LocalDateTime> times = new ArrayList<>();
            double[] values = new double[1024];
            int n = 0;
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (n == values.length) {
                    values = Arrays.copyOf(values, n * 2);
                }
                try {
                    times.add(NabTime.parse(cells[ts]));
                    values[n++] = Double.parseDouble(cells[value].trim());
                } catch (RuntimeException e) {
                    throw new IOException(csv + " row " + (n + 1) + ": cannot read '" + line + "': " + e.getMessage(), e);
                }
            }
            return new NabSeries(relativePath, times, Arrays.copyOf(values, n));
        }
    }
}
