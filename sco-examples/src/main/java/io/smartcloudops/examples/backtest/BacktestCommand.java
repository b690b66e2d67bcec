package io.smartcloudops.examples.backtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcloudops.api.ScoException;
import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.api.spi.DetectorProvider;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.api.spi.ProviderRegistry;
import io.smartcloudops.remediate.rules.RuleFileLoader;
import io.smartcloudops.remediate.rules.RuleSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sco-agent backtest --rules FILE --data CSV_OR_DIR}: what would have fired and what would
 * have been done, when, had these rules watched this recorded data. Nothing is executed.
 */
@Command(
        name = "backtest",
        mixinStandardHelpOptions = true,
        description =
                "Replay recorded metrics through detection, rules and policies in dry-run; report what would have fired and been done.")
public final class BacktestCommand implements Callable<Integer> {
    @Option(names = "--rules", required = true, paramLabel = "FILE", description = "rule file (groups and policies)")
    Path rules;

    @Option(
            names = "--data",
            required = true,
            paramLabel = "CSV_OR_DIR",
            description = "a CSV file or a directory of them (NAB layout works)")
    Path data;

    @Option(
            names = "--detector",
            defaultValue = "default",
            description = "detector to score with (default: ${DEFAULT-VALUE})")
    String detector;

    @Option(
            names = "--anomaly-threshold",
            defaultValue = "0.95",
            description = "score at which a sample counts as an anomaly event")
    double threshold;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the report as JSON")
    Path json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            RuleSet set = new RuleFileLoader().loadSet(rules);
            RecordedSamples recorded = RecordedSamples.read(data);
            ProviderRegistry registry = ProviderRegistry.builder()
                    .discover(BacktestCommand.class.getClassLoader())
                    .build();
            DetectorFactory factory = registry.provider(DetectorProvider.class, detector)
                    .create(ProviderContext.builder().build());
            Backtest.Report report = new Backtest(registry, set, factory, threshold).run(recorded.samples());
            for (Backtest.Event e : report.events()) {
                out.printf("%-24s %-6s %-60s %s%n", e.at(), e.kind(), e.what(), e.detail());
            }
            out.printf(
                    "%d samples from %d files (%d unreadable rows skipped): %d anomalies, %d alerts fired, %d action requests (dry-run)%n",
                    report.samples(),
                    recorded.files(),
                    recorded.badRows(),
                    report.anomalies(),
                    report.firings(),
                    report.actions());
            if (json != null) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("samples", report.samples());
                doc.put("anomalies", report.anomalies());
                doc.put("firings", report.firings());
                doc.put("actions", report.actions());
                doc.put(
                        "events",
                        report.events().stream()
                                .map(e -> Map.of(
                                        "at",
                                        e.at().toString(),
                                        "kind",
                                        e.kind(),
                                        "what",
                                        e.what(),
                                        "detail",
                                        e.detail()))
                                .toList());
                new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(json.toFile(), doc);
            }
            out.flush();
            return 0;
        } catch (ScoException e) {
            err.println("sco-agent backtest: " + e.getMessage());
            err.flush();
            return 2;
        } catch (IOException e) {
            err.println("sco-agent backtest: cannot write " + json + ": " + e.getMessage());
            err.flush();
            return 2;
        }
    }
}
