package io.smartcloudops.examples.agent;

import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.server.AgentConfig;
import io.smartcloudops.server.link.PeerLink;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar sco-monitor.jar}: the monitoring host of a pair. It pulls Node Exporter series
 * through the local Prometheus (or {@code --prometheus-url}), runs detection, rules and
 * remediation, receives Alertmanager's webhook, exposes {@code /metrics}, and serves its state and
 * policy gate to the application host over {@code /link/v1}. Restarts whose target is the
 * application host ({@code --app-url}) are carried out by that host.
 */
@Command(
        name = "sco-monitor",
        mixinStandardHelpOptions = true,
        version = "SmartCloudOps monitor 0.1.0",
        description =
                "The monitoring host: Prometheus-fed detection, rules and remediation, serving the application host.",
        subcommands = {AuditCommand.class, TokenCommand.class})
public final class MonitorCommand extends HostCommand {
    static final String DEFAULT_PROMETHEUS = "http://127.0.0.1:9090";

    @Option(
            names = "--app-url",
            paramLabel = "URL",
            description = "the application host's API; restart_service with target 'app' is asked of it")
    URI appUrl;

    @Option(
            names = "--app-token-file",
            paramLabel = "FILE",
            description = "the operator token the application host accepts")
    Path appTokenFile;

    @Override
    String programName() {
        return "sco-monitor";
    }

    /** Prometheus on this host instead of /proc: it scrapes both hosts' Node Exporters. */
    @Override
    AgentConfig defaults() {
        AgentConfig d = AgentConfig.defaults();
        return d.toBuilder()
                .sources(Map.of(
                        "prometheus", ProviderConfig.of("sources.prometheus", Map.of("url", DEFAULT_PROMETHEUS))))
                .build();
    }

    @Override
    void applyHostFlags(AgentConfig.Builder b) {
        if (appUrl == null && appTokenFile == null) {
            return;
        }
        if (appUrl == null) {
            throw new io.smartcloudops.api.ConfigException("--app-token-file needs --app-url");
        }
        Optional<String> token =
                appTokenFile == null ? Optional.empty() : Optional.of(tokenFrom(appTokenFile, "--app-token-file"));
        Map<String, PeerLink> remotes = new LinkedHashMap<>(b.build().server().remotes());
        try {
            remotes.put("app", new PeerLink(appUrl, token));
        } catch (IllegalArgumentException e) {
            throw new io.smartcloudops.api.ConfigException("--app-url: " + e.getMessage(), e);
        }
        b.remotes(remotes);
    }

    public static void main(String[] args) {
        int code = new CommandLine(new MonitorCommand()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }
}
