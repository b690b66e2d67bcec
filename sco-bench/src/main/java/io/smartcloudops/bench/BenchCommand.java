package io.smartcloudops.bench;

import io.smartcloudops.bench.chat.ChatEval;
import io.smartcloudops.bench.chat.QueryLatency;
import io.smartcloudops.bench.flink.FlinkCommand;
import io.smartcloudops.bench.forecast.ForecastCommand;
import io.smartcloudops.bench.load.LoadCommand;
import io.smartcloudops.bench.nab.NabCommand;
import io.smartcloudops.bench.ops.OpsCommand;
import io.smartcloudops.bench.remediate.SampleToActionLatency;
import io.smartcloudops.bench.report.ReportCommand;
import io.smartcloudops.bench.soak.SoakCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar sco-bench.jar <subcommand>}: the benchmark entry point. */
@Command(
        name = "sco-bench",
        mixinStandardHelpOptions = true,
        subcommands = {
            NabCommand.class,
            OpsCommand.class,
            ForecastCommand.class,
            SampleToActionLatency.class,
            QueryLatency.class,
            ChatEval.class,
            LoadCommand.class,
            SoakCommand.class,
            FlinkCommand.class,
            ReportCommand.class
        },
        description = "SmartCloudOps benchmarks.")
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand, e.g. nab");
    }

    public static void main(String[] args) {
        // the report draws PNG charts; there is no display on a server or in CI
        System.setProperty("java.awt.headless", "true");
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }
}
