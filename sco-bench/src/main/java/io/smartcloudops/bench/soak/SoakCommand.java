package io.smartcloudops.bench.soak;

import io.smartcloudops.bench.detect.DiscoveredDetectors;
import io.smartcloudops.bench.nab.NabDataDir;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sco-bench soak}: CPU and live heap over time with many series at one sample per interval each. */
@Command(
        name = "soak",
        mixinStandardHelpOptions = true,
        description =
                "Ingest many series at one sample per --interval each with detection and rules on; read CPU and live heap at intervals; "
                        + "time and weigh the detector checkpoint at stop.")
public final class SoakCommand implements Callable<Integer> {
    @Option(names = "--minutes", defaultValue = "10", description = "length (default ${DEFAULT-VALUE})")
    double minutes;

    @Option(names = "--series", defaultValue = "10000", description = "series (default ${DEFAULT-VALUE})")
    int series;

    @Option(names = "--every", defaultValue = "30", description = "seconds between readings (default ${DEFAULT-VALUE})")
    int every;

    @Option(
            names = "--interval",
            defaultValue = "1s",
            converter = IntervalConverter.class,
            description = "time between a series' samples, e.g. 1s, 15s, 1m or PT15S (default ${DEFAULT-VALUE})")
    Duration interval;

    @Option(names = "--detector", defaultValue = "default", description = "detector (default ${DEFAULT-VALUE})")
    String detector;

    @Option(
            names = "--data",
            description =
                    "NAB data directory the series' values come from (default datasets/nab/data from the repository root)")
    String data;

    @Option(
            names = "--recent-points",
            defaultValue = "240",
            description = "raw points each series keeps for charts and chat, as the agent's detection.recent_points "
                    + "(default ${DEFAULT-VALUE})")
    int recentPoints;

    @Option(
            names = "--hourly-history",
            defaultValue = "528",
            description = "hourly means each series keeps for forecasts, as the agent's detection.hourly_history "
                    + "(0: none; default ${DEFAULT-VALUE})")
    int hourlyHistory;

    @Option(
            names = "--work-dir",
            description = "directory under which the agent keeps its checkpoints during the run, deleted at the end "
                    + "(~4.5 GB each at 1,000,000 series; default the system's temp dir)")
    Path workDir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path work = workDir != null ? workDir : Path.of(System.getProperty("java.io.tmpdir"));
        SoakResult r = new SoakRun(new DiscoveredDetectors(), NabDataDir.resolve(data), work, out)
                .run(
                        detector,
                        series,
                        Duration.ofSeconds(Math.round(minutes * 60)),
                        Duration.ofSeconds(every),
                        interval,
                        recentPoints,
                        hourlyHistory);
        out.printf(
                Locale.ROOT,
                "soak %s, %d series every %s, %.1f min: mean CPU %.3f cores (trend %+.4f cores/min), live heap trend %+.2f MiB/min, "
                        + "checkpoint at stop %.2f s (%,.0f B/series)%n",
                r.detector(),
                r.series(),
                r.interval(),
                r.minutes(),
                r.meanCpuCores(),
                r.cpuSlopePerMinute(),
                r.heapSlopeMiBPerMinute(),
                r.checkpointSeconds(),
                r.checkpointBytesPerSeries());
        out.flush();
        return 0;
    }

    /** {@code 500ms}, {@code 15s}, {@code 1m}, {@code 1h}, or an ISO-8601 duration ({@code PT15S}). */
    static final class IntervalConverter implements CommandLine.ITypeConverter<Duration> {
        private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h)");

        @Override
        public Duration convert(String value) {
            Matcher m = SHORT.matcher(value.trim().toLowerCase(Locale.ROOT));
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                };
            }
            try {
                return Duration.parse(value.trim());
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException(
                        "not a duration: '" + value + "' (use e.g. 15s, 1m or PT15S)");
            }
        }
    }
}
