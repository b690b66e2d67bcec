package io.smartcloudops.bench.report;

import io.smartcloudops.bench.LatencySummary;
import io.smartcloudops.bench.chat.QueryLatency;
import io.smartcloudops.bench.detect.DetectorCostBenchmark;
import io.smartcloudops.bench.detect.DiscoveredDetectors;
import io.smartcloudops.bench.detect.SeriesFootprint;
import io.smartcloudops.bench.load.AgentLoad;
import io.smartcloudops.bench.load.LoadCommand;
import io.smartcloudops.bench.nab.NabDataDir;
import io.smartcloudops.bench.nab.NabEvaluation;
import io.smartcloudops.bench.nab.NabOutcome;
import io.smartcloudops.bench.remediate.SampleToActionLatency;
import io.smartcloudops.bench.soak.SoakRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sco-bench report --out DIR [--quick]}: runs every benchmark of issues #3 and #8 in turn and
 * writes {@code DIR/REPORT.md} with PNG charts and JMH's raw results under {@code DIR/raw/}. A
 * section that cannot run (no wrk, no agent jar, a failure) is reported as such and the rest go on.
 */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description =
                "Run the NAB, cost, latency, load, scale and soak benchmarks; write DIR/REPORT.md with PNG charts.")
public final class ReportCommand implements Callable<Integer> {
    /** The report's sections, in the order they run. */
    enum Section {
        NAB,
        COST,
        LATENCY,
        LOAD,
        SCALE,
        SOAK
    }

    @Option(names = "--out", required = true, description = "directory for REPORT.md, the charts and raw/")
    Path out;

    @Option(
            names = "--quick",
            description = "short runs (a few minutes on 2 cores) instead of full ones (about 20 minutes)")
    boolean quick;

    @Option(names = "--data", description = "NAB data directory (default datasets/nab/data from the repository root)")
    String data;

    @Option(names = "--labels", description = "NAB combined_windows.json (default: labels/ beside the data directory)")
    Path labels;

    @Option(
            names = "--queries",
            description = "chat queries, JSON lines (default: ../../chatops/queries-dev.jsonl from the data directory)")
    Path queries;

    @Option(
            names = "--agent-jar",
            defaultValue = "sco-examples/target/sco-agent.jar",
            description = "the agent for /status and /query (default ${DEFAULT-VALUE})")
    Path agentJar;

    @Option(
            names = "--series",
            split = ",",
            description = "series counts for throughput and memory (default 1000,10000,100000)")
    List<Integer> seriesCounts = new ArrayList<>(List.of(1_000, 10_000, 100_000));

    @Option(
            names = "--coverage",
            defaultValue = "sco-examples/target/site/jacoco-aggregate/jacoco.csv",
            description = "JaCoCo's aggregate CSV from mvn verify (default ${DEFAULT-VALUE})")
    Path coverageCsv;

    @Option(names = "--soak-minutes", description = "soak length (default 10, or 2 with --quick)")
    Double soakMinutes;

    @Option(names = "--skip", split = ",", description = "sections to leave out: ${COMPLETION-CANDIDATES}")
    Set<Section> skip = EnumSet.noneOf(Section.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        PrintWriter console = spec.commandLine().getOut();
        Path dataDir = NabDataDir.resolve(data);
        Path raw = Files.createDirectories(out.resolve("raw"));
        Path work = Files.createTempDirectory("sco-report");
        ReportFigures.Builder figures = ReportFigures.builder(quick ? "quick" : "full", MachineInfo.describe())
                .command(
                        "mvn -B -q -DskipTests package   # builds sco-bench/target/sco-bench.jar and sco-examples/target/sco-agent.jar")
                .command("java -jar sco-bench/target/sco-bench.jar "
                        + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        DiscoveredDetectors detectors = new DiscoveredDetectors();
        List<String> texts = LoadCommand.queryTexts(
                queries != null
                        ? queries
                        : dataDir.resolve("../../chatops/queries-dev.jsonl").normalize());

        section(Section.NAB, figures, console, () -> {
            Path labelsFile = labels != null
                    ? labels
                    : dataDir.resolve("../labels/combined_windows.json").normalize();
            NabOutcome o = new NabEvaluation(dataDir, labelsFile, null, null)
                    .run(List.of(), Map.of(), 42, work.resolve("nab"), console);
            figures.nab(o.files(), NabFigure.of(o));
        });
        JmhSuite jmh = new JmhSuite(raw, quick);
        section(Section.COST, figures, console, () -> {
            List<String> names = new ArrayList<>(detectors.names());
            names.add(DetectorCostBenchmark.RCF);
            figures.cost(jmh.cost(dataDir, names));
        });
        section(Section.LATENCY, figures, console, () -> {
            List<LatencySummary> s2a = new SampleToActionLatency().measure(10_000, quick ? 500 : 2_000, "default");
            s2a.forEach(figures::latency);
            QueryLatency.Measured chat = new QueryLatency().measure(texts, quick ? 5 : 20);
            figures.latency(chat.answers());
            figures.latency(chat.classification());
            figures.chatIntentNote(String.format(
                    Locale.ROOT,
                    "Chat: %d queries, %d rounds, in process: the offline engine's whole answer "
                            + "through the public `ChatEngine` API, and intent classification with slot extraction alone through sco-chat's "
                            + "public `IntentRecognizer` (no answer, no session, no live data).",
                    chat.queries(),
                    chat.rounds()));
        });
        section(
                Section.LOAD,
                figures,
                console,
                () -> figures.load(new AgentLoad(agentJar, work.resolve("load"), console)
                        .run(500, 50, Duration.ofSeconds(quick ? 20 : 60), Duration.ofSeconds(quick ? 5 : 10), texts)));
        section(Section.SCALE, figures, console, () -> {
            figures.throughput(jmh.throughput(dataDir, "default", seriesCounts));
            SeriesFootprint footprint = new SeriesFootprint(detectors, dataDir);
            for (int n : seriesCounts) {
                figures.footprint(footprint.measure("default", n));
            }
        });
        section(Section.SOAK, figures, console, () -> {
            double minutes = soakMinutes != null ? soakMinutes : quick ? 2 : 10;
            figures.soak(new SoakRun(detectors, dataDir, console)
                    .run(
                            "default",
                            10_000,
                            Duration.ofSeconds(Math.round(minutes * 60)),
                            Duration.ofSeconds(quick ? 15 : 30)));
        });
        if (Files.isRegularFile(coverageCsv)) {
            try {
                figures.coverage(CoverageFigure.read(coverageCsv));
            } catch (IOException | RuntimeException e) {
                figures.note("coverage not read from " + coverageCsv + ": " + e.getMessage());
            }
        } else {
            figures.note("coverage not measured: no " + coverageCsv + " (run mvn verify first)");
        }
        figures.elapsed(Duration.ofNanos(System.nanoTime() - start));
        figures.note("load average (1 / 5 / 15 min) at the end of the run: " + MachineInfo.loadAverage()
                + "; the machine is shared, so figures vary between runs by more than JMH's error bars suggest");
        Path report = new ReportWriter().write(figures.build(), out);
        console.printf("report written to %s%n", report);
        console.flush();
        return 0;
    }

    /** One measured part of the report. */
    private interface Step {
        void run() throws Exception;
    }

    private void section(Section s, ReportFigures.Builder figures, PrintWriter console, Step step) {
        if (skip.contains(s)) {
            figures.note(s.name().toLowerCase(Locale.ROOT) + ": skipped (--skip)");
            return;
        }
        long t0 = System.nanoTime();
        console.printf("== %s%n", s.name().toLowerCase(Locale.ROOT));
        console.flush();
        try {
            step.run();
        } catch (Exception | OutOfMemoryError e) {
            figures.note(s.name().toLowerCase(Locale.ROOT) + ": failed: " + e);
            e.printStackTrace(console);
        }
        console.printf(
                Locale.ROOT, "== %s took %.1f s%n", s.name().toLowerCase(Locale.ROOT), (System.nanoTime() - t0) / 1e9);
        console.flush();
    }
}
