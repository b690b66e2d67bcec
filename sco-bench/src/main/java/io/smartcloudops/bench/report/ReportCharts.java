package io.smartcloudops.bench.report;

import io.smartcloudops.bench.LatencySummary;
import io.smartcloudops.bench.detect.Footprint;
import io.smartcloudops.bench.soak.SoakResult;
import io.smartcloudops.bench.soak.SoakSample;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/** The report's PNG charts, drawn with XChart (plain Java2D, so it works headless). */
final class ReportCharts {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 480;

    private final Path dir;

    ReportCharts(Path dir) {
        this.dir = dir;
    }

    /** Normalised NAB score of each detector under each profile; the published detectors marked. */
    String nab(List<NabFigure> figures) throws IOException {
        CategoryChart c = category("NAB score (normalised, 100 = perfect)", "detector", "score");
        List<String> names = figures.stream()
                .map(f -> f.published() ? f.detector() + " (published)" : f.detector())
                .toList();
        Set<String> profiles = new LinkedHashSet<>();
        figures.forEach(f -> profiles.addAll(f.scores().keySet()));
        for (String p : profiles) {
            c.addSeries(
                    p,
                    names,
                    figures.stream()
                            .map(f -> (Number) f.scores().getOrDefault(p, 0.0))
                            .toList());
        }
        c.getStyler().setXAxisLabelRotation(30);
        return save(c, "nab-scores");
    }

    /** Nanoseconds per point, log scale: our detectors and Random Cut Forest differ by orders of magnitude. */
    String cost(List<CostFigure> figures) throws IOException {
        CategoryChart c =
                category("Cost per point (update + score), same NAB series", "detector", "ns per point (log)");
        logY(c, figures.stream().mapToDouble(CostFigure::nsPerPoint).min().orElse(1));
        c.addSeries(
                "ns/point",
                figures.stream().map(CostFigure::detector).toList(),
                figures.stream().map(f -> (Number) f.nsPerPoint()).toList());
        c.getStyler().setLegendVisible(false);
        return save(c, "cost-per-point");
    }

    /** p50, p99 and p99.9 of each latency, log scale. */
    String latency(List<LatencySummary> all) throws IOException {
        CategoryChart c = category("Latency percentiles", "", "milliseconds (log)");
        logY(c, all.stream().mapToDouble(l -> positive(l.p50Ms())).min().orElse(1));
        List<String> names = all.stream().map(LatencySummary::name).toList();
        c.addSeries(
                "p50",
                names,
                all.stream().map(l -> (Number) positive(l.p50Ms())).toList());
        c.addSeries(
                "p99",
                names,
                all.stream().map(l -> (Number) positive(l.p99Ms())).toList());
        c.addSeries(
                "p99.9",
                names,
                all.stream().map(l -> (Number) positive(l.p999Ms())).toList());
        c.getStyler().setXAxisLabelRotation(20);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        return save(c, "latency");
    }

    /** Samples per second against the number of series, one line per detector, log-log. */
    String throughput(List<ThroughputFigure> figures) throws IOException {
        XYChart c =
                xy("Throughput vs series (one detector state per series)", "series (log)", "samples per second (log)");
        c.getStyler().setXAxisLogarithmic(true);
        c.getStyler().setYAxisLogarithmic(true);
        Map<String, List<ThroughputFigure>> byDetector = new LinkedHashMap<>();
        figures.forEach(f ->
                byDetector.computeIfAbsent(f.detector(), k -> new ArrayList<>()).add(f));
        byDetector.forEach((d, fs) -> c.addSeries(
                d,
                fs.stream().map(f -> (Number) f.series()).toList(),
                fs.stream().map(f -> (Number) f.samplesPerSecond()).toList()));
        return save(c, "throughput");
    }

    /** Heap and checkpoint bytes per series against the number of series. */
    String memory(List<Footprint> figures) throws IOException {
        XYChart c = xy("Memory per series", "series (log)", "bytes per series");
        c.getStyler().setXAxisLogarithmic(true);
        c.getStyler().setYAxisMin(0.0);
        Map<String, List<Footprint>> byDetector = new LinkedHashMap<>();
        figures.forEach(f ->
                byDetector.computeIfAbsent(f.detector(), k -> new ArrayList<>()).add(f));
        byDetector.forEach((d, fs) -> {
            List<Number> x = fs.stream().map(f -> (Number) f.series()).toList();
            c.addSeries(
                    d + " live heap",
                    x,
                    fs.stream().map(f -> (Number) f.heapBytesPerSeries()).toList());
            c.addSeries(
                    d + " checkpoint",
                    x,
                    fs.stream().map(f -> (Number) f.checkpointMeanBytes()).toList());
        });
        c.addSeries(
                "16 KiB target",
                List.of(figures.get(0).series(), figures.get(figures.size() - 1).series()),
                List.of(16384, 16384));
        return save(c, "memory");
    }

    /** Live heap and CPU over a soak run, on two axes. */
    String soak(SoakResult soak) throws IOException {
        XYChart c = xy("Soak: " + soak.series() + " series at 1 sample/s each", "minutes", "");
        List<Number> minutes = soak.readings().stream()
                .map(s -> (Number) (s.elapsedSeconds() / 60))
                .toList();
        var heap = c.addSeries(
                "live heap (MiB)",
                minutes,
                soak.readings().stream().map(s -> (Number) s.liveHeapMiB()).toList());
        heap.setYAxisGroup(0);
        var cpu = c.addSeries(
                "CPU (cores)",
                minutes,
                soak.readings().stream().map(s -> (Number) s.cpuCores()).toList());
        cpu.setYAxisGroup(1);
        c.setYAxisGroupTitle(0, "live heap, MiB");
        c.setYAxisGroupTitle(1, "CPU, cores");
        c.getStyler().setYAxisMin(0, 0.0);
        c.getStyler().setYAxisMin(1, 0.0);
        c.getStyler()
                .setYAxisMax(
                        1,
                        Math.max(
                                0.1,
                                soak.readings().stream()
                                                .mapToDouble(SoakSample::cpuCores)
                                                .max()
                                                .orElse(1)
                                        * 1.5));
        return save(c, "soak");
    }

    /** Bar charts start their axis at zero unless told otherwise, which a log axis cannot show. */
    private static void logY(CategoryChart c, double smallest) {
        c.getStyler().setYAxisLogarithmic(true);
        c.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(Math.max(smallest, 1e-3)))));
    }

    private static double positive(double v) {
        // a log axis cannot show zero; a sub-microsecond figure is drawn at 1 us
        return Math.max(v, 0.001);
    }

    private static CategoryChart category(String title, String x, String y) {
        CategoryChart c = new CategoryChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(title)
                .xAxisTitle(x)
                .yAxisTitle(y)
                .build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        return c;
    }

    private static XYChart xy(String title, String x, String y) {
        XYChart c = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(title)
                .xAxisTitle(x)
                .yAxisTitle(y)
                .build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        return c;
    }

    private String save(Chart<?, ?> chart, String name) throws IOException {
        BitmapEncoder.saveBitmap(chart, dir.resolve(name).toString(), BitmapEncoder.BitmapFormat.PNG);
        return name + ".png";
    }
}
