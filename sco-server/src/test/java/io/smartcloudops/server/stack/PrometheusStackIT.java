package io.smartcloudops.server.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.smartcloudops.api.audit.AuditEntry;
import io.smartcloudops.api.audit.AuditKind;
import io.smartcloudops.api.audit.AuditQuery;
import io.smartcloudops.api.detect.AnomalyEvent;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.server.AgentConfig;
import io.smartcloudops.server.StackAccess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent with Debian's real Prometheus, Node Exporter and Alertmanager, started on free
 * loopback ports with the repository's configuration under {@code deploy/} (only host:port pairs
 * and file paths rewritten).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrometheusStackIT {
    private static final String TOKEN = "integration-test-token-0123456789";

    @TempDir
    static Path dir;

    static int nodePort;
    static int promPort;
    static int amPort;
    static int agentPort;
    static int nginxPort;
    static Path textfiles;
    static LocalServer node;
    static LocalServer prometheus;
    static LocalServer alertmanager;
    static StackAccess agent;

    @BeforeAll
    static void startStack() throws Exception {
        LocalServer.requireBinaries("prometheus", "prometheus-node-exporter", "prometheus-alertmanager");
        nodePort = LocalServer.freePort();
        promPort = LocalServer.freePort();
        amPort = LocalServer.freePort();
        agentPort = LocalServer.freePort();
        nginxPort = LocalServer.freePort(); // nothing listens: nginx is "down"
        textfiles = Files.createDirectories(dir.resolve("textfiles"));
        writeTestValue(10);
        Path deploy = Path.of(System.getProperty("sco.repo.dir", "..")).resolve("deploy");
        Files.writeString(dir.resolve("sco-token"), TOKEN);
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.copy(deploy.resolve("prometheus/rules/smartcloudops.yml"), rules.resolve("smartcloudops.yml"));
        Files.writeString(
                dir.resolve("prometheus.yml"), rewrite(Files.readString(deploy.resolve("prometheus/prometheus.yml"))));
        Files.writeString(
                dir.resolve("alertmanager.yml"),
                rewrite(Files.readString(deploy.resolve("alertmanager/alertmanager.yml"))));

        node = new LocalServer(
                        "node exporter",
                        List.of(
                                "/usr/bin/prometheus-node-exporter",
                                "--web.listen-address=127.0.0.1:" + nodePort,
                                "--collector.textfile.directory=" + textfiles),
                        dir.resolve("node.log"))
                .start()
                .awaitReady("http://127.0.0.1:" + nodePort + "/metrics");
        alertmanager = new LocalServer(
                        "alertmanager",
                        List.of(
                                "/usr/bin/prometheus-alertmanager",
                                "--config.file=" + dir.resolve("alertmanager.yml"),
                                "--storage.path=" + Files.createDirectories(dir.resolve("am-data")),
                                "--web.listen-address=127.0.0.1:" + amPort,
                                "--cluster.listen-address="),
                        dir.resolve("alertmanager.log"))
                .start()
                .awaitReady("http://127.0.0.1:" + amPort + "/-/ready");
        prometheus = startPrometheus();

        Map<String, Object> queries =
                new LinkedHashMap<>(io.smartcloudops.prometheus.PrometheusQuerySourceProvider.NODE_EXPORTER_DEFAULTS);
        queries.put("sco_test_value", "sco_test_value");
        queries.put("sco_steady_value", "sco_steady_value");
        agent = StackAccess.start(AgentConfig.defaults().toBuilder()
                .port(agentPort)
                .dataDir(dir.resolve("agent"))
                .httpToken(TOKEN)
                .sampleInterval(Duration.ofSeconds(1))
                .detector("ewma") // this test is about the Prometheus plumbing: a detector that judges after 20 samples
                .sources(Map.of(
                        "prometheus",
                        ProviderConfig.of(
                                "sources.prometheus",
                                Map.of("url", "http://127.0.0.1:" + promPort, "step", "1s", "queries", queries))))
                .build());
    }

    static LocalServer startPrometheus() throws Exception {
        return new LocalServer(
                        "prometheus",
                        List.of(
                                "/usr/bin/prometheus",
                                "--config.file=" + dir.resolve("prometheus.yml"),
                                "--storage.tsdb.path=" + dir.resolve("prom-data"),
                                "--web.listen-address=127.0.0.1:" + promPort),
                        dir.resolve("prometheus.log"))
                .start()
                .awaitReady("http://127.0.0.1:" + promPort + "/-/ready");
    }

    static String rewrite(String config) {
        return config.replace("monitor:9090", "127.0.0.1:" + promPort)
                .replace("monitor:9100", "127.0.0.1:" + nodePort)
                .replace("app:9100", "127.0.0.1:" + nodePort)
                .replace("monitor:9093", "127.0.0.1:" + amPort)
                .replace("monitor:8080", "127.0.0.1:" + agentPort)
                .replace("app:8080", "127.0.0.1:" + agentPort)
                .replace("app:80", "127.0.0.1:" + nginxPort)
                .replace("/etc/prometheus/rules/", dir.resolve("rules") + "/")
                .replace("/etc/prometheus/sco-token", dir.resolve("sco-token").toString())
                .replace("/etc/alertmanager/sco-token", dir.resolve("sco-token").toString());
    }

    static void writeTestValue(double v) throws Exception {
        Path tmp = textfiles.resolve("sco_test.prom.tmp");
        Files.writeString(
                tmp,
                "# HELP sco_test_value A value the test changes.\n# TYPE sco_test_value gauge\nsco_test_value " + v
                        + "\n"
                        + "# HELP sco_steady_value A value that never changes.\n# TYPE sco_steady_value gauge\nsco_steady_value 42\n");
        Files.move(tmp, textfiles.resolve("sco_test.prom"), StandardCopyOption.ATOMIC_MOVE);
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (agent != null) {
            agent.close();
        }
        for (LocalServer s : new LocalServer[] {prometheus, alertmanager, node}) {
            if (s != null) {
                s.stop();
            }
        }
    }

    private static List<AnomalyEvent> anomaliesOn(String metric) {
        return agent.anomalies().stream()
                .filter(a -> a.series().name().equals(metric))
                .toList();
    }

    @Test
    @Order(1)
    void pullsNodeExporterSeriesThroughPrometheusAndDetectsAnInjectedAnomaly() throws Exception {
        await("node series arrive")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> agent.seriesNames()
                        .containsAll(List.of("node_cpu_usage_percent", "node_memory_usage_percent", "node_load1")));
        await("quiet history").atMost(Duration.ofSeconds(90)).until(() -> agent.samplesOf("sco_test_value") >= 30);
        assertThat(anomaliesOn("sco_test_value")).isEmpty();
        writeTestValue(5_000);
        await("anomaly on the injected value")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> !anomaliesOn("sco_test_value").isEmpty());
        assertThat(anomaliesOn("sco_test_value").get(0).value()).isEqualTo(5_000.0);
        assertThat(agent.metricsText()).contains("sco_samples_ingested_total{source=\"prometheus\"}");
    }

    @Test
    @Order(2)
    void prometheusRuleFiresAlertmanagerPostsTheWebhookAndThePolicyActs() {
        await("NginxDown through Alertmanager")
                .atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofSeconds(2))
                .until(() ->
                        agent
                                .audit(AuditQuery.builder()
                                        .kind(AuditKind.ALERT)
                                        .subject("NginxDown")
                                        .build())
                                .stream()
                                .anyMatch(e -> e.record().actor().equals("alertmanager")
                                        && e.record().outcome().equals("firing")));
        await("remediation requested")
                .atMost(Duration.ofSeconds(30))
                .until(() ->
                        agent
                                .audit(AuditQuery.builder()
                                        .action("restart_service")
                                        .outcome("dry_run")
                                        .build())
                                .stream()
                                .anyMatch(e -> e.record().reason().contains("NginxDown")));
        List<AuditEntry> chain = agent.audit(AuditQuery.builder().limit(10_000).build());
        assertThat(chain).isNotEmpty();
        assertThat(agent.verifyAudit()).isTrue();
    }

    @Test
    @Order(3)
    void prometheusStoppedAndRestartedCausesNoCrashNoFalseAnomalyAndRecovers() throws Exception {
        long ingested = agent.ingested("prometheus");
        int steadyBefore = agent.samplesOf("sco_steady_value");
        prometheus.stop();
        await("source marked stale")
                .atMost(Duration.ofSeconds(30))
                .until(() -> agent.sourceHealth("prometheus").startsWith("stale"));
        assertThat(agent.status().get("up")).as("the agent keeps serving").isEqualTo(true);
        prometheus = startPrometheus();
        await("source recovers")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .until(() ->
                        agent.sourceHealth("prometheus").equals("ok") && agent.ingested("prometheus") > ingested + 50);
        await("the steady series flows again")
                .atMost(Duration.ofSeconds(60))
                .until(() -> agent.samplesOf("sco_steady_value") > steadyBefore + 5);
        assertThat(anomaliesOn("sco_steady_value"))
                .as("the outage's gap raises no anomaly")
                .isEmpty();
        assertThat(agent.status().get("up")).isEqualTo(true);
    }
}
