package io.smartcloudops.examples.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.audit.AuditArchive;
import io.smartcloudops.api.checkpoint.CheckpointStore;
import io.smartcloudops.api.spi.AuditArchiveProvider;
import io.smartcloudops.api.spi.CheckpointStoreProvider;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.api.spi.ProviderRegistry;
import io.smartcloudops.runtime.RuntimeConfig;
import io.smartcloudops.server.AgentConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code sco-monitor} and {@code sco-app}: their defaults, flags, and the repository's deploy/sco files. */
class PairCommandsTest {
    private static final String TOKEN = "pairtoken0123456789abcdefXYZ";

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int run(HostCommand command, String... args) {
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private Path tokenFile(String token) throws Exception {
        return Files.writeString(dir.resolve("token-" + token.length()), token + "\n");
    }

    @Test
    void theMonitorPullsFromTheLocalPrometheusAndSendsAppRestartsToTheApp() throws Exception {
        MonitorCommand monitor = new MonitorCommand();
        new CommandLine(monitor)
                .parseArgs(
                        "--app-url",
                        "http://10.0.2.10:8080",
                        "--app-token-file",
                        tokenFile(TOKEN).toString());
        AgentConfig c = monitor.resolveConfig();
        assertThat(c.runtime().sources()).containsOnlyKeys("prometheus");
        assertThat(c.runtime().sources().get("prometheus").string("url", ""))
                .isEqualTo(MonitorCommand.DEFAULT_PROMETHEUS);
        assertThat(c.server().remotes()).containsOnlyKeys("app");
        assertThat(c.server().remotes().get("app").url()).isEqualTo(URI.create("http://10.0.2.10:8080"));
        assertThat(c.server().remotes().get("app").token()).contains(TOKEN);
        assertThat(c.server().remotes().get("app").toString()).doesNotContain(TOKEN);
    }

    @Test
    void theAppNeedsAMonitorAndWatchesNothingItself() throws Exception {
        assertThat(run(new AppCommand(), "--port", "0", "--data-dir", dir.toString()))
                .isEqualTo(HostCommand.EXIT_CONFIG);
        assertThat(err.toString()).contains("sco-app", "--monitor-url");

        AppCommand app = new AppCommand();
        new CommandLine(app)
                .parseArgs(
                        "--monitor-url",
                        "http://monitor:8080",
                        "--monitor-token-file",
                        tokenFile(TOKEN).toString());
        AgentConfig c = app.resolveConfig();
        assertThat(c.runtime().sources()).isEmpty();
        assertThat(c.server().upstream())
                .hasValueSatisfying(u -> assertThat(u.token()).contains(TOKEN));
    }

    @Test
    void badPairFlagsAreClearErrors() throws Exception {
        assertThat(run(
                        new MonitorCommand(),
                        "--app-token-file",
                        tokenFile(TOKEN).toString()))
                .isEqualTo(HostCommand.EXIT_CONFIG);
        assertThat(err.toString()).contains("--app-token-file needs --app-url");
        assertThat(run(new MonitorCommand(), "--app-url", "ftp://app:21")).isEqualTo(HostCommand.EXIT_CONFIG);
        assertThat(err.toString()).contains("--app-url", "http(s)");
        assertThat(run(
                        new AppCommand(),
                        "--monitor-url",
                        "http://monitor:8080",
                        "--monitor-token-file",
                        tokenFile("short").toString()))
                .isEqualTo(HostCommand.EXIT_CONFIG);
        assertThat(err.toString()).contains("at least 16");
        assertThat(run(
                        new AppCommand(),
                        "--monitor-url",
                        "http://monitor:8080",
                        "--monitor-token-file",
                        dir.resolve("missing").toString()))
                .isEqualTo(HostCommand.EXIT_CONFIG);
        assertThat(err.toString()).contains("cannot read");
    }

    @Test
    void theDeployFilesLoadAndNameEachOther() throws Exception {
        Path repo = Path.of(System.getProperty("sco.repo.dir", "..")).toAbsolutePath();
        Path token = tokenFile(TOKEN);
        AgentConfigLoader loader = new AgentConfigLoader();
        AgentConfig monitor = loader.parse(
                "monitor.yml",
                Files.readString(repo.resolve("deploy/sco/monitor.yml"))
                        .replace("/etc/sco/pair-token", token.toString()),
                new MonitorCommand().defaults());
        AgentConfig app = loader.parse(
                "app.yml",
                Files.readString(repo.resolve("deploy/sco/app.yml")).replace("/etc/sco/pair-token", token.toString()),
                new AppCommand().defaults());

        assertThat(monitor.server().httpToken()).contains(TOKEN);
        assertThat(monitor.server().remotes().get("app").url().getHost()).isEqualTo("app");
        assertThat(app.server().upstream())
                .hasValueSatisfying(u -> assertThat(u.url().getHost()).isEqualTo("monitor"));
        assertThat(app.server().httpToken())
                .isEqualTo(monitor.server().remotes().get("app").token());
        assertThat(monitor.server().httpToken())
                .isEqualTo(app.server().upstream().get().token());
    }

    /**
     * deploy/sco/monitor.yml as the monitor's user data leaves it (bucket and region placeholders
     * filled): its checkpoint store and audit archive open through the AWS plugins the runner jar
     * carries, at the prefixes Terraform's IAM policy lets the monitor write (models/, audit/).
     */
    @Test
    void theMonitorKeepsItsCheckpointsAndAuditArchiveInTheDeploymentsBuckets() throws Exception {
        Path repo = Path.of(System.getProperty("sco.repo.dir", "..")).toAbsolutePath();
        String deployed = Files.readString(repo.resolve("deploy/sco/monitor.yml"))
                .replace("/etc/sco/pair-token", tokenFile(TOKEN).toString())
                .replace("@SCO_MODELS_BUCKET@", "sco-models-123-eu-west-1")
                .replace("@SCO_LOGS_BUCKET@", "sco-logs-123-eu-west-1")
                .replace("@SCO_REGION@", "eu-west-1");
        RuntimeConfig monitor = new AgentConfigLoader()
                .parse("monitor.yml", deployed, new MonitorCommand().defaults())
                .runtime();

        assertThat(monitor.checkpointInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(monitor.auditArchive().duration("interval", null)).isEqualTo(Duration.ofHours(1));
        ProviderRegistry registry =
                ProviderRegistry.builder().discover(getClass().getClassLoader()).build();
        ProviderConfig stores = monitor.checkpoints();
        try (CheckpointStore checkpoints = registry.provider(
                        CheckpointStoreProvider.class, stores.requireString("store"))
                .open(ProviderContext.builder().dataDir(dir).config(stores).build())) {
            assertThat(checkpoints.location()).isEqualTo("s3://sco-models-123-eu-west-1/models/monitor/");
        }
        ProviderConfig archiveConfig = monitor.auditArchive();
        AuditArchive archive = registry.provider(AuditArchiveProvider.class, archiveConfig.requireString("store"))
                .open(ProviderContext.builder()
                        .dataDir(dir)
                        .config(archiveConfig)
                        .build());
        assertThat(archive.location()).startsWith("s3://sco-logs-123-eu-west-1/audit/");
    }

    @Test
    void aConfigFileRejectsBadPeers() {
        AgentConfigLoader loader = new AgentConfigLoader();
        AgentConfig base = AgentConfig.defaults();
        assertThatThrownBy(() -> loader.parse("x.yml", "remotes: {App_1: {url: 'http://a:1'}}", base))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("remotes.App_1");
        assertThatThrownBy(() -> loader.parse("x.yml", "upstream: {url: 'http://m:1', token: abc}", base))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("upstream.token");
        assertThatThrownBy(() -> loader.parse(
                        "x.yml", "upstream: {url: 'http://m:1', token: " + TOKEN + ", token_file: /x}", base))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("exclude each other");
        assertThatThrownBy(() -> loader.parse("x.yml", "upstream: {url: 'not a url'}", base))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("upstream.url");
        assertThatThrownBy(() -> loader.parse("x.yml", "upstream: {url: 'http://m:1', port: 3}", base))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("port");
    }

    @Test
    void theRunnerJarsCarryTheAwsPluginsForTheMonitorToConfigureByName() {
        io.smartcloudops.api.spi.ProviderRegistry registry = io.smartcloudops.api.spi.ProviderRegistry.builder()
                .discover(getClass().getClassLoader())
                .build();
        assertThat(registry.names(io.smartcloudops.api.spi.ActionProvider.class))
                .contains(
                        "ec2_reboot",
                        "ec2_stop",
                        "ec2_start",
                        "aws_ec2_resize",
                        "ssm_restart_service",
                        "aws_asg_scale_up");
        assertThat(registry.names(io.smartcloudops.api.spi.NotifierProvider.class))
                .contains("sns", "slack", "webhook", "log");
        assertThat(registry.names(io.smartcloudops.api.spi.MetricSourceProvider.class))
                .contains("cloudwatch", "prometheus", "scrape", "host");
    }
}
