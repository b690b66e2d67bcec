package io.smartcloudops.examples.backtest;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.Sample;
import io.smartcloudops.api.metric.SeriesId;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reads recorded metrics for a backtest: one CSV file, or a directory tree of them (NAB's
 * {@code data/} layout works as it is). Two layouts are understood, by their header:
 * <ul>
 *   <li>{@code timestamp,value} (NAB): the series is named after the file, labelled with its
 *       folder as {@code category} and its name as {@code file};</li>
 *   <li>{@code timestamp,metric,value}: several series in one file.</li>
 * </ul>
 * Timestamps are ISO-8601 instants, {@code yyyy-MM-dd HH:mm:ss} (UTC, as NAB writes them) or epoch
 * seconds. Rows that cannot be read are counted and skipped, not fatal.
 */
public final class RecordedSamples {
    private static final DateTimeFormatter NAB_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final long MAX_ROWS = 5_000_000;

    private final List<Sample> samples = new ArrayList<>();
    private int badRows;
    private int files;

    public static RecordedSamples read(Path path) {
        RecordedSamples r = new RecordedSamples();
        if (Files.isDirectory(path)) {
            try (Stream<Path> tree = Files.walk(path)) {
                for (Path f :
                        tree.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
                    r.readFile(f, path);
                }
            } catch (IOException e) {
                throw new ConfigException("cannot read " + path + ": " + e.getMessage(), e);
            }
        } else if (Files.isRegularFile(path)) {
            r.readFile(path, path.toAbsolutePath().getParent());
        } else {
            throw new ConfigException("no CSV file or directory at " + path);
        }
        if (r.samples.isEmpty()) {
            throw new ConfigException("no samples found in " + path
                    + " (expected CSV files with a 'timestamp,value' or 'timestamp,metric,value' header)");
        }
        // stable: rows of one series keep their file order even where timestamps repeat
        r.samples.sort(Comparator.comparingLong(Sample::timestampMillis));
        return r;
    }

    private void readFile(Path file, Path root) {
        files++;
        String stem = file.getFileName().toString().replaceFirst("\\.csv$", "");
        Path rel = root == null ? file.getFileName() : root.relativize(file);
        String category =
                rel.getParent() == null ? "" : rel.getParent().toString().replace('/', '_');
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                return;
            }
            List<String> cols = List.of(header.trim().toLowerCase(Locale.ROOT).split("\\s*,\\s*"));
            boolean wide = cols.equals(List.of("timestamp", "value"));
            boolean lng = cols.equals(List.of("timestamp", "metric", "value"));
            if (!wide && !lng) {
                throw new ConfigException(
                        file + ": header must be 'timestamp,value' or 'timestamp,metric,value', got '" + header + "'");
            }
            SeriesId fileSeries =
                    wide ? SeriesId.of(metricName(stem), Labels.of("file", stem, "category", category)) : null;
            for (String line; (line = in.readLine()) != null; ) {
                if (samples.size() >= MAX_ROWS) {
                    throw new ConfigException("more than " + MAX_ROWS + " rows; split the data");
                }
                String[] f = line.split(",", -1);
                try {
                    if (wide && f.length == 2) {
                        samples.add(new Sample(fileSeries, time(f[0]), Double.parseDouble(f[1].trim())));
                    } else if (lng && f.length == 3) {
                        samples.add(new Sample(
                                SeriesId.of(metricName(f[1].trim()), Labels.of("file", stem)),
                                time(f[0]),
                                Double.parseDouble(f[2].trim())));
                    } else {
                        badRows++;
                    }
                } catch (NumberFormatException | DateTimeParseException e) {
                    badRows++;
                }
            }
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static String metricName(String text) {
        String s = text.replaceAll("[^a-zA-Z0-9_:]", "_");
        return Character.isDigit(s.charAt(0)) ? "_" + s : s;
    }

    static long time(String text) {
        String t = text.trim();
        if (t.matches("\\d{9,10}(\\.\\d+)?")) {
            return (long) (Double.parseDouble(t) * 1000);
        }
        if (t.contains("T")) {
            return Instant.parse(t).toEpochMilli();
        }
        return LocalDateTime.parse(t, NAB_TIME).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    public List<Sample> samples() {
        return samples;
    }

    public int badRows() {
        return badRows;
    }

    public int files() {
        return files;
    }
}
