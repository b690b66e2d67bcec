package io.smartcloudops.bench.nab;

import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.detect.DetectorSettings;
import io.smartcloudops.api.spi.DetectorProvider;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.api.spi.ProviderRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nab}: runs detectors over a NAB data tree, writes NAB's results layout, scores it with
 * {@link NabScorer} and prints the table next to the published reference detectors.
 */
@Command(name = "nab", mixinStandardHelpOptions = true,
        description = "Run detectors on the Numenta Anomaly Benchmark and score them as NAB does.")
public final class NabCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, description = "NAB data directory (<category>/<file>.csv)")
    Path data;

    @Option(names = "--labels", required = true, description = "NAB combined_windows.json")
    Path labels;

    @Option(names = "--out", required = true, description = "output directory for results and REPORT.md")
    Path out;

    @Option(names = "--detector", description = "detector to run (repeatable); default: every discovered DetectorProvider")
    List<String> detectors = new ArrayList<>();

    @Option(names = "--reference", description = "directory of reference results (<detector>/<category>/<detector>_<file>.csv); default: reference/ beside the data directory")
    Path reference;

    @Option(names = "--profiles", description = "NAB profiles.json; default: config/profiles.json beside the data directory")
    Path profiles;

    @Option(names = "--param", description = "detector setting as DETECTOR.KEY=VALUE (repeatable), e.g. default.echo=0.3")
    Map<String, String> settings = new java.util.LinkedHashMap<>();

    @Option(names = "--seed", defaultValue = "42", description = "detector seed (default ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws IOException {
        Path base = data.toAbsolutePath().normalize().getParent();
        Path profilesFile = profiles != null ? profiles : base.resolve("config/profiles.json");
        CorpusLabels corpusLabels = CorpusLabels.read(labels);
        NabScorer scorer = new NabScorer(corpusLabels, CostProfile.readAll(profilesFile));
        List<NabSeries> files = NabSeries.readAll(data);
        ProviderRegistry registry = ProviderRegistry.builder().discover(NabCommand.class.getClassLoader()).build();
        List<String> names = detectors.isEmpty() ? List.copyOf(registry.names(DetectorProvider.class)) : detectors;
        ProviderContext context = ProviderContext.builder().dataDir(out).build();
        PrintWriter console = spec.commandLine().getOut();

        NabReport report = new NabReport(scorer.profiles());
        List<Map.Entry<String, Map<String, ProfileScore>>> ours = new ArrayList<>();
        for (String name : names) {
            DetectorFactory factory = registry.provider(DetectorProvider.class, name).create(context.withConfig(config(name)));
            long start = System.nanoTime();
            List<ScoredFile> results = new NabRun(name, factory, DetectorSettings.defaults().withSeed(seed))
                    .scoreAndWrite(files, corpusLabels, out);
            long rows = files.stream().mapToLong(NabSeries::rows).sum();
            double micros = (System.nanoTime() - start) / 1e3 / Math.max(1, rows);
            Map<String, ProfileScore> scores = scorer.score(results);
            console.printf(Locale.ROOT, "%s: %d files, %d rows, %.2f us/row (including I/O)%n", name, files.size(), rows, micros);
            report.add(name, scores);
            ours.add(Map.entry(name, scores));
        }
        Path referenceDir = reference != null ? reference : base.resolve("reference");
        for (String ref : referenceDetectors(referenceDir)) {
            List<ScoredFile> refResults = ResultsDirectory.read(referenceDir.resolve(ref), ref).stream()
                    .filter(f -> files.stream().anyMatch(s -> s.relativePath().equals(f.relativePath()))).toList();
            if (!refResults.isEmpty()) {
                report.add(ref + " (reference)", scorer.score(refResults));
            }
        }
        ours.forEach(e -> report.addDetails(e.getKey(), e.getValue()));
        String md = report.markdown("NAB scores on " + files.size() + " files");
        Files.createDirectories(out);
        Files.writeString(out.resolve("REPORT.md"), md, StandardCharsets.UTF_8);
        console.print(report.table());
        console.printf("report written to %s%n", out.resolve("REPORT.md"));
        console.flush();
        return 0;
    }

    private ProviderConfig config(String detector) {
        Map<String, Object> mine = new java.util.LinkedHashMap<>();
        settings.forEach((k, v) -> {
            if (k.startsWith(detector + ".")) {
                put(mine, k.substring(detector.length() + 1).split("\\."), 0, v);
            }
        });
        return ProviderConfig.of("detectors." + detector, mine);
    }

    /** {@code seasonal.alpha=0.05} becomes the nested section {@code seasonal: {alpha: 0.05}}. */
    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> into, String[] path, int at, String value) {
        if (at == path.length - 1) {
            into.put(path[at], value);
            return;
        }
        Object inner = into.computeIfAbsent(path[at], k -> new java.util.LinkedHashMap<String, Object>());
        put((Map<String, Object>) inner, path, at + 1, value);
    }

    private static List<String> referenceDetectors(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
