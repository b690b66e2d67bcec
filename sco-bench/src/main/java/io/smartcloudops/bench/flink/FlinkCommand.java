package io.smartcloudops.bench.flink;

import io.smartcloudops.bench.detect.DiscoveredDetectors;
import io.smartcloudops.bench.detect.WarmTemplates;
import io.smartcloudops.bench.nab.NabDataDir;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sco-bench flink}: sco-flink's operator on a MiniCluster; throughput per slot, state per series, checkpoint time. */
@Command(
        name = "flink",
        mixinStandardHelpOptions = true,
        description =
                "Run sco-flink's detection and rules on a Flink MiniCluster from a warm savepoint; write flink.csv and flink.md to DIR.")
public final class FlinkCommand implements Callable<Integer> {
    @Option(
            names = "--series",
            split = ",",
            defaultValue = "10000,100000",
            description = "series counts (default ${DEFAULT-VALUE})")
    List<Integer> series;

    @Option(
            names = "--parallelism",
            split = ",",
            defaultValue = "1,2",
            description = "operator parallelisms (default ${DEFAULT-VALUE})")
    List<Integer> parallelism;

    @Option(
            names = "--backends",
            split = ",",
            defaultValue = "hashmap,rocksdb",
            description = "state backends (default ${DEFAULT-VALUE})")
    List<String> backends;

    @Option(
            names = "--rounds",
            defaultValue = "10",
            description = "samples per series in the timed run (default ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--detector", defaultValue = "default", description = "detector (default ${DEFAULT-VALUE})")
    String detector;

    @Option(
            names = "--data",
            description =
                    "NAB data directory the series' values come from (default datasets/nab/data from the repository root)")
    String data;

    @Option(names = "--out", required = true, description = "directory for flink.csv and flink.md")
    Path out;

    @Option(names = "--work", description = "directory for savepoints and checkpoints (default: a temporary one)")
    Path work;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter console = spec.commandLine().getOut();
        Path dir = work != null ? Files.createDirectories(work) : Files.createTempDirectory("sco-bench-flink");
        DiscoveredDetectors detectors = new DiscoveredDetectors();
        WarmTemplates templates = WarmTemplates.build(NabDataDir.resolve(data), detectors.factory(detector));
        FlinkTable table = new FlinkTable(
                new FlinkBenchmark(templates, detector, dir, console).run(series, backends, parallelism, rounds));
        Files.createDirectories(out);
        Files.writeString(out.resolve("flink.csv"), table.csv());
        Files.writeString(out.resolve("flink.md"), table.markdown());
        console.print(table.markdown());
        console.flush();
        return 0;
    }
}
