package io.smartcloudops.bench.flink;

import io.smartcloudops.bench.report.MarkdownTable;
import java.util.List;
import java.util.Locale;

/** The benchmark's points as CSV (for plotting) and as a markdown table (for the report). */
final class FlinkTable {
    static final List<String> COLUMNS = List.of(
            "backend",
            "series",
            "parallelism",
            "samples",
            "seconds",
            "samples/s/slot",
            "checkpoint s",
            "checkpoint B/series",
            "heap B/series");

    private final List<FlinkPoint> points;

    FlinkTable(List<FlinkPoint> points) {
        this.points = List.copyOf(points);
    }

    String csv() {
        StringBuilder sb = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (FlinkPoint p : points) {
            sb.append(String.join(",", cells(p, "%d", "%.3f", "%.0f"))).append('\n');
        }
        return sb.toString();
    }

    String markdown() {
        MarkdownTable t = new MarkdownTable(COLUMNS.toArray(String[]::new));
        for (FlinkPoint p : points) {
            t.row(cells(p, "%,d", "%.2f", "%,.0f").toArray());
        }
        return t.toString();
    }

    private static List<String> cells(FlinkPoint p, String integer, String decimal, String rounded) {
        return List.of(
                p.backend(),
                f(integer, p.series()),
                f(integer, p.parallelism()),
                f(integer, p.samples()),
                f(decimal, p.seconds()),
                f(rounded, p.samplesPerSecondPerSlot()),
                f(decimal, p.checkpointSeconds()),
                f(rounded, p.checkpointBytesPerSeries()),
                f(rounded, p.heapBytesPerSeries()));
    }

    private static String f(String format, Object v) {
        return String.format(Locale.ROOT, format, v);
    }
}
