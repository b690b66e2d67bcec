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

/**
 * One numeric column of a NAB CSV beside its {@code timestamp} column, rows kept in file order
 * (NAB's files may repeat or reorder timestamps). Data files and result files both read this way.
 */
record TimedColumn(List<LocalDateTime> times, double[] values) {

    static TimedColumn read(Path csv, String column) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null) {
                throw new IOException(csv + " is empty");
            }
            List<String> columns = List.of(header.trim().split(","));
            int ts = columns.indexOf("timestamp");
            int col = columns.indexOf(column);
            if (ts < 0 || col < 0) {
                throw new IOException(
                        csv + ": needs a header with columns timestamp and " + column + ", has " + columns);
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
                    values[n++] = Double.parseDouble(cells[col].trim());
                } catch (RuntimeException e) {
                    throw new IOException(
                            csv + " row " + (n + 1) + ": cannot read '" + line + "': " + e.getMessage(), e);
                }
            }
            return new TimedColumn(times, Arrays.copyOf(values, n));
        }
    }
}
