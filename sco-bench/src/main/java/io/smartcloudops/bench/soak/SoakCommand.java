package io.smartcloudops.bench.soak;

import io.smartcloudops.bench.detect.DiscoveredDetectors;
import io.smartcloudops.bench.nab.NabDataDir;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sco-bench soak}: CPU and live heap over time with many series at one sample per second each. */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "Ingest many series at 1 sample/s each with detection and rules on; read CPU and live heap at intervals.")
public final class SoakCommand implements Callable<Integer> {
    @Option(names = "--minutes", defaultValue = "10", description = "length (default ${DEFAULT-VALUE})")
    double minutes;

    @Option(names = "--series", defaultValue = "10000", description = "series (default ${DEFAULT-VALUE})")
    int series;

    @Option(names = "--every", defaultValue = "30", description = "seconds between readings (default ${DEFAULT-VALUE})")
    int every;

    @Option(names = "--detector", defaultValue = "default", description = "detector (default ${DEFAULT-VALUE})")
    String detector;

    @Option(names = "--data", description = "NAB data directory the series' values come from (default datasets/nab/data from the repository root)")
    String data;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        SoakResult r = new SoakRun(new DiscoveredDetectors(), NabDataDir.resolve(data), out)
                .run(detector, series, Duration.ofSeconds(Math.round(minutes * 60)), Duration.ofSeconds(every));
        out.printf(Locale.ROOT, "soak %s, %d series, %.1f min: mean CPU %.3f cores (trend %+.4f cores/min), live heap trend %+.2f MiB/min%n",
                r.detector(), r.series(), r.minutes(), r.meanCpuCores(), r.cpuSlopePerMinute(), r.heapSlopeMiBPerMinute());
        out.flush();
        return 0;
    }
}
