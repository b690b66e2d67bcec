package io.smartcloudops.bench.report;

import io.smartcloudops.bench.detect.DetectorCostBenchmark;
import io.smartcloudops.bench.detect.SeriesThroughputBenchmark;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH benchmarks of issue #3 in forked JVMs, as {@code org.openjdk.jmh.Main} would, and
 * keeps JMH's log and JSON results in {@code rawDir}. Quick mode trades confidence for time: one
 * short warm-up and three one-second measurements instead of the benchmarks' own settings.
 */
final class JmhSuite {
    private final Path rawDir;
    private final boolean quick;

    JmhSuite(Path rawDir, boolean quick) {
        this.rawDir = rawDir;
        this.quick = quick;
    }

    List<CostFigure> cost(Path dataDir, List<String> detectors) throws RunnerException {
        ChainedOptionsBuilder b = options(DetectorCostBenchmark.class, "cost")
                .param("detector", detectors.toArray(String[]::new))
                .param("dataDir", dataDir.toString());
        return JmhRow.of(run(b)).stream().map(CostFigure::of).toList();
    }

    List<ThroughputFigure> throughput(Path dataDir, String detector, List<Integer> series) throws RunnerException {
        ChainedOptionsBuilder b = options(SeriesThroughputBenchmark.class, "throughput")
                .param("detector", detector)
                .param("series", series.stream().map(String::valueOf).toArray(String[]::new))
                .param("dataDir", dataDir.toString());
        return JmhRow.of(run(b)).stream()
                .map(ThroughputFigure::of)
                .sorted(Comparator.comparingInt(ThroughputFigure::series))
                .toList();
    }

    private ChainedOptionsBuilder options(Class<?> benchmark, String name) {
        ChainedOptionsBuilder b = new OptionsBuilder()
                .include(Pattern.quote(benchmark.getName()) + "\\.")
                // a benchmark that throws would otherwise just be missing from the results
                .shouldFailOnError(true)
                .output(rawDir.resolve("jmh-" + name + ".log").toString())
                .resultFormat(ResultFormatType.JSON)
                .result(rawDir.resolve("jmh-" + name + ".json").toString());
        if (quick) {
            b.warmupIterations(1)
                    .warmupTime(TimeValue.seconds(1))
                    .measurementIterations(3)
                    .measurementTime(TimeValue.seconds(1));
        }
        return b;
    }

    private static Collection<RunResult> run(ChainedOptionsBuilder b) throws RunnerException {
        return new Runner(b.build()).run();
    }
}
