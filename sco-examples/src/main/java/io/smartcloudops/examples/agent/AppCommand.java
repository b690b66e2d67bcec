package io.smartcloudops.examples.agent;

import io.smartcloudops.server.AgentConfig;
import io.smartcloudops.server.link.PeerLink;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar sco-app.jar --monitor-url URL}: the application host of a pair. Its HTTP API
 * ({@code /}, {@code /status}, {@code /query}, {@code /logs}, {@code /metrics}) answers about the
 * whole deployment from the monitor's state, and chat proposals go through the monitor's policy
 * gate. It runs the actions that must happen on this machine (restarting its services) when the
 * monitor asks, checked and audited by its own gate as well.
 */
@Command(
        name = "sco-app",
        mixinStandardHelpOptions = true,
        version = "SmartCloudOps app host 0.1.0",
        description =
                "The application host: ChatOps over the monitor's state, and local restarts the monitor asks for.",
        subcommands = {AuditCommand.class, TokenCommand.class})
public final class AppCommand extends HostCommand {

    @Option(
            names = "--monitor-url",
            paramLabel = "URL",
            description = "the monitor's API (required here or as upstream.url in --config)")
    URI monitorUrl;

    @Option(
            names = "--monitor-token-file",
            paramLabel = "FILE",
            description = "the token the monitor accepts from this host (operator)")
    Path monitorTokenFile;

    @Override
    String programName() {
        return "sco-app";
    }

    /** No sources: this host's metrics reach the monitor through its Node Exporter and /metrics. */
    @Override
    AgentConfig defaults() {
        return AgentConfig.defaults().toBuilder().sources(Map.of()).build();
    }

    @Override
    void applyHostFlags(AgentConfig.Builder b) {
        if (monitorUrl == null && monitorTokenFile == null) {
            return;
        }
        AgentConfig sofar = b.build();
        URI url = monitorUrl != null
                ? monitorUrl
                : sofar.server()
                        .upstream()
                        .map(PeerLink::url)
                        .orElseThrow(() ->
                                new io.smartcloudops.api.ConfigException("--monitor-token-file needs --monitor-url"));
        Optional<String> token = monitorTokenFile != null
                ? Optional.of(tokenFrom(monitorTokenFile, "--monitor-token-file"))
                : sofar.server().upstream().flatMap(PeerLink::token);
        try {
            b.upstream(new PeerLink(url, token));
        } catch (IllegalArgumentException e) {
            throw new io.smartcloudops.api.ConfigException("--monitor-url: " + e.getMessage(), e);
        }
    }

    @Override
    void checkHost(AgentConfig c) {
        if (c.server().upstream().isEmpty()) {
            throw new io.smartcloudops.api.ConfigException(
                    "sco-app answers from a monitor: give --monitor-url URL (or upstream: in --config)");
        }
    }

    public static void main(String[] args) {
        int code = new CommandLine(new AppCommand()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }
}
