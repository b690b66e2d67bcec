package io.smartcloudops.bench.ops;

import io.smartcloudops.bench.detect.DiscoveredDetectors;
import io.smartcloudops.bench.nab.NabEvaluation;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ops}: detectors on the generated operations corpus ({@link OpsCorpus}), scored by events
 * ({@link EventScorer}) at the best threshold within a false-alarm budget and at the threshold the
 * agent ships, beside a rolling z-score and Random Cut Forest.
 */
@Command(
        name = "ops",
        mixinStandardHelpOptions = true,
        description =
                "Run detectors on a generated operations corpus (weeks of 1-minute samples, many incidents) and score events.")
public final class OpsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--seed", defaultValue = "42", description = "corpus and detector seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--series", defaultValue = "20", description = "series in the corpus (default ${DEFAULT-VALUE})")
    int series;

    @Option(
            names = "--days",
            defaultValue = "14",
            description = "days of 1-minute samples per series (default ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--detector", description = "our detector to run (repeatable); default: every discovered one")
    List<String> detectors = new ArrayList<>();

    @Option(names = "--no-references", description = "leave out the rolling z-score and Random Cut Forest")
    boolean noReferences;

    @Option(
            names = "--max-false-per-day",
            defaultValue = "0.5",
            description = "false-alarm budget for the best threshold (default ${DEFAULT-VALUE})")
    double maxFalsePerDay;

    @Option(
            names = "--threshold",
            defaultValue = "0.95",
            description = "the shipped threshold our detectors are also scored at (default ${DEFAULT-VALUE})")
    double shipped;

    @Option(
            names = "--param",
            description = "detector setting as DETECTOR.KEY=VALUE (repeatable), e.g. default.quiet_samples=60")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(
            names = "--sources",
            description =
                    "print where our detectors' false alarms at their best threshold come from (member, noise, day)")
    boolean sources;

    @Option(
            names = "--by-kind",
            description =
                    "print incidents found and missed per kind for every detector, and those a reference found and ours missed")
    boolean byKind;

    @Override
    public Integer call() {
        PrintWriter console = spec.commandLine().getOut();
        List<OpsSeries> corpus = new OpsCorpus(seed).generate(series, days);
        int rows = corpus.stream().mapToInt(OpsSeries::rows).sum();
        int incidents = corpus.stream().mapToInt(s -> s.incidents().size()).sum();
        console.printf(
                Locale.ROOT,
                "corpus: seed %d, %d series x %d days, %d rows, %d incidents%n",
                seed,
                series,
                days,
                rows,
                incidents);
        DiscoveredDetectors discovered = new DiscoveredDetectors();
        Map<String, OpsScorers> scorers = new LinkedHashMap<>();
        for (String name : detectors.isEmpty() ? discovered.names() : detectors) {
            scorers.put(
                    name, OpsScorers.detector(discovered.factory(name, NabEvaluation.config(name, settings)), seed));
        }
        if (!noReferences) {
            scorers.put(OpsEvaluation.ZSCORE, OpsScorers.rollingZScore(seed));
            scorers.put(OpsEvaluation.RCF, OpsScorers.randomCutForest(seed));
        }
        OpsEvaluation evaluation = new OpsEvaluation(corpus, maxFalsePerDay, shipped);
        Map<String, OpsEvaluation.Row> byName = new LinkedHashMap<>();
        evaluation.rows(scorers, console).forEach(r -> byName.put(r.name(), r));
        console.print(evaluation.format(byName));
        if (byKind) {
            console.print(new KindBreakdown(corpus).format(byName));
        }
        if (sources) {
            for (String name : detectors.isEmpty() ? discovered.names() : detectors) {
                double threshold = byName.get(name).best().threshold();
                FalseAlarmSources found = FalseAlarmSources.measure(
                        corpus, discovered.factory(name, NabEvaluation.config(name, settings)), seed, threshold);
                console.print(found.format(name, threshold));
                found = FalseAlarmSources.measure(
                        corpus, discovered.factory(name, NabEvaluation.config(name, settings)), seed, shipped);
                console.print(found.format(name, shipped));
            }
        }
        console.flush();
        return 0;
    }
}
