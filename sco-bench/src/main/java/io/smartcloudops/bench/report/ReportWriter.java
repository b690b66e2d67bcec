package io.smartcloudops.bench.report;

import io.smartcloudops.bench.LatencySummary;
import io.smartcloudops.bench.detect.Footprint;
import io.smartcloudops.bench.load.AgentMemory;
import io.smartcloudops.bench.load.LoadResult;
import io.smartcloudops.bench.load.WrkResult;
import io.smartcloudops.bench.soak.SoakResult;
import io.smartcloudops.bench.soak.SoakSample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Writes {@code REPORT.md} and its PNG charts from measured figures; measures nothing itself. */
public final class ReportWriter {
    static final double BASELINE_NS_TARGET = 100;
    static final double RCF_RATIO_TARGET = 50;
    static final double STATE_BYTES_TARGET = 16 * 1024;
    static final double STATUS_P99_TARGET_MS = 10;
    static final double QUERY_P99_TARGET_MS = 50;
    static final double INTENT_TARGET_MS = 10;
    /** The baseline detector of issue #3's "under 100 ns" target. */
    static final String BASELINE = "ewma";

    static final String ENSEMBLE = "default";
    static final String RCF = "rcf";

    /** Writes the report into {@code dir} (created if needed); returns the REPORT.md path. */
    public Path write(ReportFigures f, Path dir) throws IOException {
        Files.createDirectories(dir);
        ReportCharts charts = new ReportCharts(dir);
        StringBuilder md = new StringBuilder();
        md.append("# SmartCloudOps benchmark report (").append(f.mode()).append(" mode)\n\n");
        md.append("Machine: ").append(f.machine()).append("  \n");
        md.append(String.format(
                Locale.ROOT, "Whole run: %.1f minutes.%n%n", f.elapsed().toMillis() / 60000.0));
        md.append("## How this was produced\n\n```\n");
        f.commands().forEach(c -> md.append(c).append('\n'));
        md.append("```\n\n");
        md.append("## Targets\n\n").append(targets(f)).append('\n');
        nab(f, charts, md);
        cost(f, charts, md);
        latency(f, charts, md);
        scale(f, charts, md);
        soak(f, charts, md);
        coverage(f, md);
        if (!f.notes().isEmpty()) {
            md.append("## Notes\n\n");
            f.notes().forEach(n -> md.append("- ").append(n).append('\n'));
        }
        Path report = dir.resolve("REPORT.md");
        Files.writeString(report, md.toString(), StandardCharsets.UTF_8);
        return report;
    }

    private static String targets(ReportFigures f) {
        MarkdownTable t = new MarkdownTable("target (issue)", "measured", "met");
        Optional<CostFigure> baseline = cost(f, BASELINE);
        Optional<CostFigure> ensemble = cost(f, ENSEMBLE);
        Optional<CostFigure> rcf = cost(f, RCF);
        t.row(
                "baseline detector (" + BASELINE + ") under 100 ns per point (#3)",
                baseline.map(c -> fmt("%.0f ns", c.nsPerPoint())).orElse("not measured"),
                baseline.map(c -> yes(c.nsPerPoint() < BASELINE_NS_TARGET)).orElse("?"));
        if (ensemble.isPresent() && rcf.isPresent()) {
            double ratio = rcf.get().nsPerPoint() / ensemble.get().nsPerPoint();
            t.row(
                    "default ensemble at least 50x cheaper per point than RCF (#3)",
                    fmt(
                            "%.1fx (%.0f vs %.0f ns)",
                            ratio, ensemble.get().nsPerPoint(), rcf.get().nsPerPoint()),
                    yes(ratio >= RCF_RATIO_TARGET));
        } else {
            t.row("default ensemble at least 50x cheaper per point than RCF (#3)", "not measured", "?");
        }
        Optional<Footprint> biggest = f.footprint().stream()
                .filter(p -> p.detector().equals(ENSEMBLE))
                .reduce((a, b) -> b);
        t.row(
                "default ensemble state under 16 KiB per series (#3)",
                biggest.map(p -> fmt(
                                "checkpoint %.0f B mean, %d B max; live heap %.0f B at %,d series",
                                p.checkpointMeanBytes(), p.checkpointMaxBytes(), p.heapBytesPerSeries(), p.series()))
                        .orElse("not measured"),
                biggest.map(p -> yes(p.checkpointMaxBytes() < STATE_BYTES_TARGET
                                && p.heapBytesPerSeries() < STATE_BYTES_TARGET))
                        .orElse("?"));
        loadTarget(
                t,
                f.load(),
                "GET /status",
                "/status p99 under 10 ms at 500 req/s, no errors (#8)",
                STATUS_P99_TARGET_MS);
        loadTarget(
                t, f.load(), "POST /query", "/query p99 under 50 ms at 50 req/s, no errors (#8)", QUERY_P99_TARGET_MS);
        Optional<LatencySummary> intent = f.latency().stream()
                .filter(l -> l.name().startsWith("chat intent classification"))
                .findFirst();
        t.row(
                "intent classification alone under 10 ms per query (#5)",
                intent.map(c -> fmt("p99 %.2f ms", c.p99Ms())).orElse("not measured"),
                intent.map(c -> c.p99Ms() < INTENT_TARGET_MS ? "yes" : "no").orElse("?"));
        if (!f.coverage().isEmpty()) {
            CoverageFigure all = CoverageFigure.total(f.coverage());
            t.row(
                    "line coverage over 90% (#8)",
                    fmt("%.1f%% of %,d lines", all.percent(), all.coveredLines() + all.missedLines()),
                    yes(all.percent() > 90));
        } else {
            t.row("line coverage over 90% (#8)", "not measured", "?");
        }
        if (f.soak() != null && f.soak().readings().size() >= 2) {
            SoakResult s = f.soak();
            t.row(
                    fmt("%,d series at 1 sample/s: CPU and heap flat (#8)", s.series()),
                    fmt(
                            "heap %+.2f MiB/min, CPU %+.4f cores/min over %.1f min",
                            s.heapSlopeMiBPerMinute(), s.cpuSlopePerMinute(), s.minutes()),
                    yes(flat(s)));
        } else {
            t.row("10,000 series at 1 sample/s: CPU and heap flat (#8)", "not measured", "?");
        }
        return t.toString();
    }

    /**
     * Flat: the live heap grows by less than 5% of its first reading over the run, and CPU by less
     * than a quarter of its mean (both from least-squares slopes, so one noisy reading does not decide).
     */
    static boolean flat(SoakResult s) {
        double firstHeap = s.readings().get(0).liveHeapMiB();
        double heapGrowth = s.heapSlopeMiBPerMinute() * s.minutes();
        double cpuGrowth = s.cpuSlopePerMinute() * s.minutes();
        return heapGrowth < 0.05 * firstHeap && cpuGrowth < 0.25 * s.meanCpuCores();
    }

    private static void loadTarget(MarkdownTable t, LoadResult load, String endpoint, String target, double p99Ms) {
        Optional<WrkResult> r =
                load.runs().stream().filter(w -> w.endpoint().equals(endpoint)).findFirst();
        if (r.isEmpty()) {
            t.row(target, load.wasSkipped() ? "not run: " + load.skipped() : "not measured", "?");
            return;
        }
        WrkResult w = r.get();
        t.row(
                target,
                fmt(
                        "p99 %.2f ms at %.1f req/s achieved, %d errors of %,d",
                        w.p99Ms(), w.achievedRate(), w.errors(), w.requests()),
                yes(w.p99Ms() < p99Ms && w.errors() == 0 && w.achievedRate() >= 0.95 * w.targetRate()));
    }

    private static void nab(ReportFigures f, ReportCharts charts, StringBuilder md) throws IOException {
        md.append("## NAB scores\n\n");
        if (f.nab().isEmpty()) {
            md.append("Not measured (see the notes).\n\n");
            return;
        }
        md.append("Our detectors on the ")
                .append(f.nabFiles())
                .append(" NAB development files, beside the published results of the reference "
                        + "detectors rescored on the same files with the same scorer (`sco-bench nab`).\n\n");
        List<String> profiles = new ArrayList<>(f.nab().get(0).scores().keySet());
        List<String> header = new ArrayList<>(List.of("detector"));
        header.addAll(profiles);
        MarkdownTable t = new MarkdownTable(header.toArray(String[]::new));
        for (NabFigure n : f.nab()) {
            List<Object> row = new ArrayList<>(
                    List.of(n.published() ? n.detector() + " (published)" : "**" + n.detector() + "**"));
            profiles.forEach(p -> row.add(fmt("%.2f", n.scores().getOrDefault(p, Double.NaN))));
            t.row(row.toArray());
        }
        md.append(t).append('\n').append(image(() -> charts.nab(f.nab()), "NAB scores"));
    }

    private static void cost(ReportFigures f, ReportCharts charts, StringBuilder md) throws IOException {
        md.append("## Cost per point\n\n");
        if (f.cost().isEmpty()) {
            md.append("Not measured (see the notes).\n\n");
            return;
        }
        md.append(
                "JMH `DetectorCostBenchmark`: each detector, and AWS Random Cut Forest (randomcutforest-core, 50 trees, sample size 256, "
                        + "shingle 8, score then update), replays the same four NAB files (4 x 4,000 points) from a fresh state per file; "
                        + "nanoseconds per point, warm-up and training phases included.\n\n");
        Optional<CostFigure> rcf = cost(f, RCF);
        MarkdownTable t =
                new MarkdownTable("detector", "ns per point", "± (99.9%)", "points per second", "RCF cost / this");
        for (CostFigure c : f.cost()) {
            t.row(
                    c.detector(),
                    fmt("%.1f", c.nsPerPoint()),
                    Double.isNaN(c.errorNs()) ? "n/a" : fmt("%.1f", c.errorNs()),
                    fmt("%,.0f", 1e9 / c.nsPerPoint()),
                    rcf.map(r -> fmt("%.1fx", r.nsPerPoint() / c.nsPerPoint())).orElse("n/a"));
        }
        md.append(t).append('\n').append(image(() -> charts.cost(f.cost()), "cost per point"));
    }

    private static void latency(ReportFigures f, ReportCharts charts, StringBuilder md) throws IOException {
        md.append("## Latency\n\n");
        List<LatencySummary> all = new ArrayList<>(f.latency());
        for (WrkResult w : f.load().runs()) {
            all.add(new LatencySummary(
                    w.endpoint() + fmt(" @ %.0f/s", w.targetRate()),
                    w.requests(),
                    w.p50Ms(),
                    w.p99Ms(),
                    w.p999Ms(),
                    w.maxMs()));
        }
        if (all.isEmpty()) {
            md.append("Not measured (see the notes).\n\n");
            return;
        }
        MarkdownTable t = new MarkdownTable("what", "count", "p50 ms", "p99 ms", "p99.9 ms", "max ms");
        all.forEach(l -> t.row(
                l.name(),
                fmt("%,d", l.count()),
                fmt("%.3f", l.p50Ms()),
                fmt("%.3f", l.p99Ms()),
                fmt("%.3f", l.p999Ms()),
                fmt("%.3f", l.maxMs())));
        md.append(
                        "Sample-to-action: in process (HdrHistogram), from a spike's arrival through detection, rules, the alert router and the "
                                + "policy gate (which audits the attempt durably) to the action's dispatch, over 10,000 watched series. ")
                .append(f.chatIntentNote())
                .append("\n\n");
        md.append(t).append('\n');
        if (!f.load().runs().isEmpty()) {
            md.append(
                    "HTTP: `sco-agent.jar` on loopback driven by wrk (2 threads) at a fixed rate paced with wrk's `delay()` hook; "
                            + "percentiles from wrk's histogram through the script's `done()`.\n\n");
            MarkdownTable w = new MarkdownTable(
                    "endpoint",
                    "target req/s",
                    "achieved req/s",
                    "requests",
                    "socket errors",
                    "non-2xx",
                    "wrk --latency 50/75/90/99%");
            f.load()
                    .runs()
                    .forEach(r -> w.row(
                            r.endpoint(),
                            fmt("%.0f", r.targetRate()),
                            fmt("%.1f", r.achievedRate()),
                            fmt("%,d", r.requests()),
                            r.socketErrors(),
                            r.statusErrors(),
                            r.distribution().isEmpty() ? "n/a" : distribution(r)));
            md.append(w).append('\n');
            MarkdownTable m = new MarkdownTable("agent memory", "RSS MiB", "live heap MiB (after full GC)");
            for (AgentMemory a : f.load().memory()) {
                m.row(
                        a.when(),
                        fmt("%.1f", a.rssBytes() / 1048576.0),
                        a.liveHeapBytes() < 0 ? "n/a" : fmt("%.1f", a.liveHeapBytes() / 1048576.0));
            }
            md.append(m).append('\n');
        } else if (f.load().wasSkipped()) {
            md.append("HTTP load not run: ").append(f.load().skipped()).append("\n\n");
        }
        md.append(image(() -> charts.latency(all), "latency percentiles"));
    }

    private static void coverage(ReportFigures f, StringBuilder md) {
        md.append("## Coverage\n\n");
        if (f.coverage().isEmpty()) {
            md.append(
                    "Not measured: `mvn verify` writes JaCoCo's aggregate CSV that `--coverage` reads (see the notes).\n\n");
            return;
        }
        md.append(
                "JaCoCo's aggregate over the reactor's modules (unit and integration tests of `mvn verify`), lines:\n\n");
        MarkdownTable t = new MarkdownTable("module", "lines", "covered", "line coverage");
        List<CoverageFigure> rows = new ArrayList<>(f.coverage());
        rows.add(CoverageFigure.total(f.coverage()));
        rows.forEach(c -> t.row(
                c.module(),
                fmt("%,d", c.coveredLines() + c.missedLines()),
                fmt("%,d", c.coveredLines()),
                fmt("%.1f%%", c.percent())));
        md.append(t).append('\n');
    }

    private static String distribution(WrkResult r) {
        List<String> parts = new ArrayList<>();
        r.distribution().entrySet().stream()
                .sorted(Map.Entry.comparingByKey(
                        Comparator.comparingDouble(k -> Double.parseDouble(k.replace("%", "")))))
                .forEach(e -> parts.add(fmt("%.2f", e.getValue())));
        return String.join(" / ", parts) + " ms";
    }

    private static void scale(ReportFigures f, ReportCharts charts, StringBuilder md) throws IOException {
        md.append("## Throughput and memory against the number of series\n\n");
        if (f.throughput().isEmpty() && f.footprint().isEmpty()) {
            md.append("Not measured (see the notes).\n\n");
            return;
        }
        md.append(
                "Each series is restored from a detector state warmed on 4,000 points of a NAB file (steady state: reservoirs full, "
                        + "models trained) and goes on with that file's values. Throughput: JMH `SeriesThroughputBenchmark`, one thread feeding "
                        + "every series in turn through `DetectionPipeline`. Live heap: heap after full collections with and without the fleet, "
                        + "divided by its size (pipeline slot, series id and detector). Checkpoint: snapshot bytes of one warmed state.\n\n");
        MarkdownTable t = new MarkdownTable(
                "detector",
                "series",
                "samples/s",
                "± (99.9%)",
                "live heap B/series",
                "checkpoint B/series (mean / max)");
        List<Integer> counts = new ArrayList<>();
        f.throughput().forEach(x -> counts.add(x.series()));
        f.footprint().forEach(x -> {
            if (!counts.contains(x.series())) {
                counts.add(x.series());
            }
        });
        for (int n : counts.stream().sorted().toList()) {
            Optional<ThroughputFigure> tp =
                    f.throughput().stream().filter(x -> x.series() == n).findFirst();
            Optional<Footprint> fp =
                    f.footprint().stream().filter(x -> x.series() == n).findFirst();
            String detector = tp.map(ThroughputFigure::detector)
                    .orElseGet(() -> fp.map(Footprint::detector).orElse("?"));
            t.row(
                    detector,
                    fmt("%,d", n),
                    tp.map(x -> fmt("%,.0f", x.samplesPerSecond())).orElse("n/a"),
                    tp.map(x -> Double.isNaN(x.error()) ? "n/a" : fmt("%,.0f", x.error()))
                            .orElse("n/a"),
                    fp.map(x -> fmt("%,.0f", x.heapBytesPerSeries())).orElse("n/a"),
                    fp.map(x -> fmt("%,.0f / %,d", x.checkpointMeanBytes(), x.checkpointMaxBytes()))
                            .orElse("n/a"));
        }
        md.append(t).append('\n');
        if (!f.throughput().isEmpty()) {
            md.append(image(() -> charts.throughput(f.throughput()), "throughput"));
        }
        if (!f.footprint().isEmpty()) {
            md.append(image(() -> charts.memory(f.footprint()), "memory per series"));
        }
    }

    private static void soak(ReportFigures f, ReportCharts charts, StringBuilder md) throws IOException {
        md.append("## Soak\n\n");
        SoakResult s = f.soak();
        if (s == null || s.readings().isEmpty()) {
            md.append("Not measured (see the notes).\n\n");
            return;
        }
        String every = s.interval().equals(Duration.ofSeconds(1))
                ? "second"
                : s.interval().toString().substring(2).toLowerCase(Locale.ROOT);
        md.append(fmt(
                "%,d series (%s detector, restored warm) at one sample per %s each for %.1f minutes on the wall clock, in process: "
                        + "every sample through `DetectionPipeline` and `RuleEngine.observe`, one rule evaluation a round. A reading is taken "
                        + "every interval: process CPU since the last reading, and live heap right after an explicit full collection.%n%n",
                s.series(), s.detector(), every, s.minutes()));
        MarkdownTable t =
                new MarkdownTable("elapsed s", "CPU cores", "live heap MiB", "samples", "alerts firing", "late rounds");
        for (SoakSample r : s.readings()) {
            t.row(
                    fmt("%.0f", r.elapsedSeconds()),
                    fmt("%.3f", r.cpuCores()),
                    fmt("%.1f", r.liveHeapMiB()),
                    fmt("%,d", r.samples()),
                    r.firing(),
                    r.lateTicks());
        }
        md.append(t).append('\n');
        md.append(fmt(
                "Trend (least squares): live heap %+.2f MiB/min, CPU %+.4f cores/min; mean CPU %.3f cores. Flat: %s.%n%n",
                s.heapSlopeMiBPerMinute(), s.cpuSlopePerMinute(), s.meanCpuCores(), flat(s) ? "yes" : "no"));
        if (!Double.isNaN(s.checkpointSeconds())) {
            md.append(fmt(
                    "Detector checkpoint at stop: %.2f s, %,d bytes (%,.0f B per series).%n%n",
                    s.checkpointSeconds(), s.checkpointBytes(), s.checkpointBytesPerSeries()));
        }
        md.append(image(() -> charts.soak(s), "soak"));
    }

    private static Optional<CostFigure> cost(ReportFigures f, String detector) {
        return f.cost().stream().filter(c -> c.detector().equals(detector)).findFirst();
    }

    /** A chart, or a line saying why it could not be drawn: the figures in the tables matter more than the picture. */
    private interface Drawing {
        String draw() throws IOException;
    }

    private static String image(Drawing chart, String alt) {
        try {
            return "![" + alt + "](" + chart.draw() + ")\n\n";
        } catch (IOException | RuntimeException e) {
            return "(chart '" + alt + "' not drawn: " + e.getMessage() + ")\n\n";
        }
    }

    private static String yes(boolean met) {
        return met ? "yes" : "**no**";
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
