package io.smartcloudops.bench.nab;

import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.detect.DetectorSettings;
import io.smartcloudops.api.spi.DetectorProvider;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.api.spi.ProviderRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Runs detectors over a NAB data tree, writes NAB's results layout under {@code out}, and scores
 * them and the published reference detectors with {@link NabScorer}. Besides the discovered detectors,
 * {@code rcf} and {@code zscore} name the benchmark's own {@link ReferenceDetectors}, run in the same
 * pass.
 *
 * <pre>{@code
 * NabOutcome o = new NabEvaluation(data, labels, null, null).run(List.of("default"), Map.of(), 42, out, console);
 * }</pre>
 */
public final class NabEvaluation {
    private final Path data;
    private final Path labels;
    private final Path profiles;
    private final Path reference;

    /**
     * @param profiles NAB's profiles.json, or null for {@code config/profiles.json} beside the data directory
     * @param reference the reference results, or null for {@code reference/} beside the data directory
     */
    public NabEvaluation(Path data, Path labels, Path profiles, Path reference) {
        Path base = data.toAbsolutePath().normalize().getParent();
        this.data = data;
        this.labels = labels;
        this.profiles = profiles != null ? profiles : base.resolve("config/profiles.json");
        this.reference = reference != null ? reference : base.resolve("reference");
    }

    /**
     * @param detectors detector names; empty means every discovered one
     * @param settings {@code DETECTOR.KEY=VALUE} settings
     */
    public NabOutcome run(
            List<String> detectors, Map<String, String> settings, long seed, Path out, PrintWriter console)
            throws IOException {
        return run(detectors, settings, seed, out, console, 0.95);
    }

    /** As {@link #run(List, Map, long, Path, PrintWriter)}, also scoring ours at the {@code shipped} threshold. */
    public NabOutcome run(
            List<String> detectors,
            Map<String, String> settings,
            long seed,
            Path out,
            PrintWriter console,
            double shipped)
            throws IOException {
        CorpusLabels corpusLabels = CorpusLabels.read(labels);
        NabScorer scorer = new NabScorer(corpusLabels, CostProfile.readAll(profiles));
        List<NabSeries> files = NabSeries.readAll(data);
        ProviderRegistry registry = ProviderRegistry.builder()
                .discover(NabEvaluation.class.getClassLoader())
                .build();
        List<String> names = detectors.isEmpty() ? List.copyOf(registry.names(DetectorProvider.class)) : detectors;
        ProviderContext context = ProviderContext.builder().dataDir(out).build();
        Map<String, Map<String, ProfileScore>> ours = new LinkedHashMap<>();
        Map<String, Double> micros = new LinkedHashMap<>();
        Map<String, Map<String, ProfileScore>> atShipped = new LinkedHashMap<>();
        for (String name : names) {
            Optional<DetectorFactory> reference = ReferenceDetectors.named(name);
            DetectorFactory factory = reference.orElseGet(() ->
                    registry.provider(DetectorProvider.class, name).create(context.withConfig(config(name, settings))));
            long start = System.nanoTime();
            List<ScoredFile> results = new NabRun(
                            name, factory, DetectorSettings.defaults().withSeed(seed))
                    .scoreAndWrite(files, corpusLabels, out);
            long rows = files.stream().mapToLong(NabSeries::rows).sum();
            double perRow = (System.nanoTime() - start) / 1e3 / Math.max(1, rows);
            console.printf(
                    Locale.ROOT,
                    "%s: %d files, %d rows, %.2f us/row (including I/O)%n",
                    name,
                    files.size(),
                    rows,
                    perRow);
            console.flush();
            ours.put(name, scorer.score(results));
            if (reference.isEmpty()) {
                // the references' scores are not calibrated: no threshold means anything on them
                atShipped.put(name, scorer.scoreAt(results, shipped));
            }
            micros.put(name, perRow);
        }
        Map<String, Map<String, ProfileScore>> refs = new LinkedHashMap<>();
        for (String ref : referenceDetectors(reference)) {
            List<ScoredFile> refResults = ResultsDirectory.read(reference.resolve(ref), ref).stream()
                    .filter(f -> files.stream().anyMatch(s -> s.relativePath().equals(f.relativePath())))
                    .toList();
            if (!refResults.isEmpty()) {
                refs.put(ref, scorer.score(refResults));
            }
        }
        return new NabOutcome(scorer.profiles(), files.size(), ours, refs, micros, atShipped);
    }

    /**
     * A factory for {@code detector} with its {@code DETECTOR.KEY=VALUE} settings and then {@code overrides}
     * ({@code KEY=VALUE}, e.g. a cross-validation grid point) on top.
     */
    public DetectorFactory factory(String detector, Map<String, String> settings, Map<String, String> overrides) {
        Map<String, String> all = new LinkedHashMap<>(settings);
        overrides.forEach((k, v) -> all.put(detector + "." + k, v));
        Optional<DetectorFactory> reference = ReferenceDetectors.named(detector);
        if (reference.isPresent()) {
            return reference.get();
        }
        ProviderRegistry registry = ProviderRegistry.builder()
                .discover(NabEvaluation.class.getClassLoader())
                .build();
        return registry.provider(DetectorProvider.class, detector)
                .create(ProviderContext.builder().build().withConfig(config(detector, all)));
    }

    /** The {@code DETECTOR.KEY=VALUE} settings of {@code detector} as its configuration section. */
    public static ProviderConfig config(String detector, Map<String, String> settings) {
        Map<String, Object> mine = new LinkedHashMap<>();
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
        Object inner = into.computeIfAbsent(path[at], k -> new LinkedHashMap<String, Object>());
        put((Map<String, Object>) inner, path, at + 1, value);
    }

    private static List<String> referenceDetectors(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
        }
    }
}
