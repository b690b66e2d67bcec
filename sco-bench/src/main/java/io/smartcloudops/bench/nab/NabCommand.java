package io.smartcloudops.bench.nab;

import io.smartcloudops.detect.likelihood.CalibratedScorer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nab}: runs detectors over a NAB data tree ({@link NabEvaluation}) and prints and writes the
 * table next to the published reference detectors.
 */
@Command(
        name = "nab",
        mixinStandardHelpOptions = true,
        description = "Run detectors on the Numenta Anomaly Benchmark and score them as NAB does.")
public final class NabCommand implements Callable<Integer> {
    private static final String DEFAULT = "default";
    /** The detectors that score through {@code CalibratedScorer}, whose 0.95 is the default's alarm rate. */
    private static final Set<String> RATE_MAPPED = Set.of("iforest", "ocsvm", "seasonal");

    @Spec
    CommandSpec spec;

    @Option(
            names = "--data",
            description =
                    "NAB data directory (<category>/<file>.csv); default datasets/nab/data from the repository root")
    Path data;

    @Option(
            names = "--labels",
            description = "NAB combined_windows.json; default labels/combined_windows.json beside the data directory")
    Path labels;

    @Option(names = "--out", required = true, description = "output directory for results and REPORT.md")
    Path out;

    @Option(
            names = "--detector",
            description = "detector to run (repeatable); default: every discovered DetectorProvider")
    List<String> detectors = new ArrayList<>();

    @Option(
            names = "--reference",
            description =
                    "directory of reference results (<detector>/<category>/<detector>_<file>.csv); default: reference/ beside the data directory")
    Path reference;

    @Option(
            names = "--profiles",
            description = "NAB profiles.json; default: config/profiles.json beside the data directory")
    Path profiles;

    @Option(
            names = "--param",
            description = "detector setting as DETECTOR.KEY=VALUE (repeatable), e.g. default.echo=0.3")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(
            names = "--cv",
            description =
                    "also cross-validate: leave one category out, choose the grid point and threshold on the other categories")
    boolean cv;

    @Option(
            names = "--cv-grid",
            description =
                    "a grid axis to cross-validate as DETECTOR.KEY=v1,v2,... (repeatable); "
                            + "default: the axes CvGrids declares for the detector (none: only the threshold is chosen per fold)")
    List<String> cvGrid = new ArrayList<>();

    @Option(names = "--seed", defaultValue = "42", description = "detector seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--threshold",
            defaultValue = "0.95",
            description = "the shipped threshold our detectors are also scored at (default ${DEFAULT-VALUE})")
    double shipped;

    @Override
    public Integer call() throws IOException {
        PrintWriter console = spec.commandLine().getOut();
        Path dataDir = NabDataDir.resolve(data == null ? null : data.toString());
        Path labelsFile = labels != null
                ? labels
                : dataDir.resolve("../labels/combined_windows.json").normalize();
        NabEvaluation evaluation = new NabEvaluation(dataDir, labelsFile, profiles, reference);
        NabOutcome o = evaluation.run(detectors, settings, seed, out, console, shipped);
        NabReport report = new NabReport(o.profiles());
        o.ours().forEach(report::add);
        o.atShipped().forEach((name, scores) -> report.add(name + " at the shipped threshold " + shipped, scores));
        o.references().forEach((ref, scores) -> report.add(ref + " (reference)", scores));
        if (cv) {
            NabCrossValidation validation = new NabCrossValidation(CorpusLabels.read(labelsFile), o.profiles());
            List<NabSeries> files = NabSeries.readAll(dataDir);
            for (String name : o.ours().keySet()) {
                CvGrid grid = CvGrids.forDetector(name, cvGrid);
                NabCrossValidation.CvOutcome outcome =
                        validation.run(files, grid, point -> evaluation.factory(name, settings, point));
                report.addCrossValidated(name, outcome);
                console.printf(
                        "%s: cross-validated over %d grid point(s) %s%n", name, outcome.gridPoints(), grid.axes());
                console.flush();
            }
            if (o.atShipped().containsKey(DEFAULT)) {
                // the named detectors' 0.95 is the default's alarm rate: re-derive it without the held-out category
                List<ScoredFile> reference = ResultsDirectory.read(out.resolve(DEFAULT), DEFAULT);
                for (String name : o.atShipped().keySet()) {
                    if (RATE_MAPPED.contains(name)) {
                        report.addRow(
                                name + " at the shipped threshold, **cross-validated** (the default's alarm rate"
                                        + " on the other categories)",
                                validation.atReferenceRate(
                                        reference,
                                        ResultsDirectory.read(out.resolve(name), name),
                                        shipped,
                                        CalibratedScorer.ALARM_SPAN));
                    }
                }
            }
        }
        o.ours().forEach(report::addDetails);
        String md = report.markdown("NAB scores on " + o.files() + " files");
        Files.createDirectories(out);
        Files.writeString(out.resolve("REPORT.md"), md, StandardCharsets.UTF_8);
        console.print(report.table());
        console.printf("report written to %s%n", out.resolve("REPORT.md"));
        console.flush();
        return 0;
    }
}
