package io.smartcloudops.examples.agent;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar sco-agent.jar}: runs the all-in-one agent on embedded defaults, or with
 * {@code --config FILE}; flags override both.
 */
@Command(
        name = "sco-agent",
        mixinStandardHelpOptions = true,
        version = "SmartCloudOps agent 0.1.0",
        description =
                "Watches metrics, detects anomalies, evaluates rules and remediates (dry-run by default), with an HTTP API.",
        subcommands = {AuditCommand.class, TokenCommand.class, io.smartcloudops.examples.backtest.BacktestCommand.class
        })
public final class AgentCommand extends HostCommand {

    @Override
    String programName() {
        return "sco-agent";
    }

    public static void main(String[] args) {
        int code = new CommandLine(new AgentCommand()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }
}
