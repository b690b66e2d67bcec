package io.smartcloudops.bench;

import io.smartcloudops.bench.nab.NabCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar sco-bench.jar <subcommand>}: the benchmark entry point. */
@Command(name = "sco-bench", mixinStandardHelpOptions = true, subcommands = {NabCommand.class, io.smartcloudops.bench.remediate.SampleToActionLatency.class,
            io.smartcloudops.bench.chat.QueryLatency.class},
        description = "SmartCloudOps benchmarks.")
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand, e.g. nab");
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }
}
