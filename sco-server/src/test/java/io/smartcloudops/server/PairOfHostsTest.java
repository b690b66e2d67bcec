package io.smartcloudops.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcloudops.api.action.ActionMode;
import io.smartcloudops.api.action.ActionOutcome;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.action.Principal;
import io.smartcloudops.api.action.Role;
import io.smartcloudops.api.audit.AuditEntry;
import io.smartcloudops.api.audit.AuditQuery;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.server.link.PeerLink;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A monitor and an application host in one JVM, joined by the link as on the EC2 pair: the app
 * answers from the monitor's state, its chat acts through the monitor's gate in the caller's
 * name, and the monitor's restarts of the app's services are carried out (and audited) by the app.
 */
class PairOfHostsTest {
    @TempDir
    Path dir;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private Agent monitor;
    private Agent app;
    private String appTokenAtMonitor;
    private String monitorTokenAtApp;
    private int appPort;
    private ReplaySource replay;

    @BeforeEach
    void tokens() throws Exception {
        try (TokenStore s =
                TokenStore.open(Files.createDirectories(dir.resolve("monitor")).resolve("tokens.db"))) {
            appTokenAtMonitor = s.create("app-host", Role.OPERATOR, Instant.now());
        }
        try (TokenStore s =
                TokenStore.open(Files.createDirectories(dir.resolve("app")).resolve("tokens.db"))) {
            monitorTokenAtApp = s.create("monitor-host", Role.OPERATOR, Instant.now());
        }
        try (ServerSocket free = new ServerSocket(0)) {
            appPort = free.getLocalPort();
        }
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        if (monitor != null) {
            monitor.close();
        }
    }

    private void startPair(String upstreamToken) {
        replay = new ReplaySource(ReplaySource.normalThenSpike(), InstantSource.system());
        Map<String, ProviderConfig> monitorActions = Map.of(
                "run_command",
                ProviderConfig.of(
                        "actions.run_command",
                        Map.of(
                                "destructive",
                                true,
                                "allow",
                                Map.of("say_hi", Map.of("argv", List.of("/bin/echo", "hi"))))));
        monitor = Agent.builder(AgentConfig.defaults().toBuilder()
                        .port(0)
                        .dataDir(dir.resolve("monitor"))
                        .sampleInterval(Duration.ofMillis(20))
                        .sources(Map.of())
                        .actionMode(ActionMode.EXECUTE)
                        .actions(monitorActions)
                        .remotes(Map.of(
                                "app",
                                new PeerLink(
                                        URI.create("http://127.0.0.1:" + appPort), Optional.of(monitorTokenAtApp))))
                        .build())
                .source(replay)
                .build()
                .start();
        Map<String, ProviderConfig> appActions = Map.of(
                "restart_service",
                ProviderConfig.of(
                        "actions.restart_service",
                        Map.of(
                                "executor",
                                "process",
                                "units",
                                Map.of("api", Map.of("argv", List.of("/bin/sleep", "300"))))));
        app = Agent.builder(AgentConfig.defaults().toBuilder()
                        .port(appPort)
                        .dataDir(dir.resolve("app"))
                        .sampleInterval(Duration.ofHours(1))
                        .sources(Map.of())
                        .actionMode(ActionMode.EXECUTE)
                        .actions(appActions)
                        .upstream(new PeerLink(
                                URI.create("http://127.0.0.1:" + monitor.port()), Optional.of(upstreamToken)))
                        .build())
                .build()
                .start();
    }

    private HttpResponse<String> call(Agent host, String method, String path, String body, String token)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.port() + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<AuditEntry> audited(Agent host, String action) {
        return host.ops()
                .audit()
                .query(AuditQuery.builder().action(action).limit(50).build());
    }

    @Test
    void theAppAnswersFromTheMonitorsState() throws Exception {
        startPair(appTokenAtMonitor);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !monitor.ops().view().anomalies(10).isEmpty());

        JsonNode status = json.readTree(call(app, "GET", "/status", null, null).body());
        assertThat(status.get("series_watched").asInt())
                .as("the app watches nothing itself")
                .isEqualTo(1);
        assertThat(status.get("recent_anomalies")).isNotEmpty();
        JsonNode series = json.readTree(call(app, "GET", "/series?metric=node_cpu_usage_percent", null, null)
                .body());
        assertThat(series.get("series").get(0).get("points").size()).isGreaterThan(100);
        assertThat(series.get("series").get(0).get("forecast").get("model").asText())
                .as("the monitor's forecast, carried over the link")
                .contains("Holt-Winters");
        JsonNode answer =
                json.readTree(call(app, "POST", "/query", "{\"text\": \"any anomalies?\", \"session\": \"p1\"}", null)
                        .body());
        assertThat(answer.get("intent").asText()).isEqualTo("anomalies");
        assertThat(answer.get("answer").asText()).contains("node_cpu_usage_percent");
        assertThat(app.ops().view().series())
                .as("nothing copied into the app's own state")
                .isEmpty();
    }

    @Test
    void theMonitorsRestartOfAnAppServiceRunsOnTheAppAndIsAuditedOnBothSides() throws Exception {
        startPair(appTokenAtMonitor);
        ActionResult r = monitor.ops()
                .gate()
                .request(ActionRequest.builder("restart_service", "app")
                        .parameter("unit", "api")
                        .reason("alert ApiDown")
                        .build());

        assertThat(r.outcome()).as(r.message()).isEqualTo(ActionOutcome.SUCCEEDED);
        assertThat(r.message()).contains("app: succeeded", "started pid");
        long pid = Long.parseLong(
                Files.readString(dir.resolve("app/units/api.pid")).trim());
        assertThat(ProcessHandle.of(pid))
                .hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
        assertThat(audited(monitor, "restart_service"))
                .extracting(e -> e.record().outcome())
                .contains("started", "succeeded");
        assertThat(audited(app, "restart_service"))
                .filteredOn(e -> e.record().outcome().equals("succeeded"))
                .singleElement()
                .satisfies(e -> assertThat(e.record().actor()).isEqualTo("system@monitor-host"));
        assertThat(monitor.ops().audit().verify().intact()).isTrue();
        assertThat(app.ops().audit().verify().intact()).isTrue();
    }

    @Test
    void chatOnTheAppProposesThroughTheMonitorsGateInTheCallersName() throws Exception {
        startPair(appTokenAtMonitor);
        String alice = app.tokens().create("alice", Role.OPERATOR, Instant.now());
        String val = app.tokens().create("val", Role.VIEWER, Instant.now());

        HttpResponse<String> asked =
                call(app, "POST", "/query", "{\"text\": \"restart the api on app\", \"session\": \"a1\"}", alice);
        assertThat(asked.statusCode()).isEqualTo(200);
        assertThat(json.readTree(asked.body()).get("intent").asText()).isEqualTo("restart_service");
        assertThat(audited(monitor, "restart_service"))
                .as("a proposal, not yet sent to the gate")
                .isEmpty();
        HttpResponse<String> confirmed = call(app, "POST", "/query", "{\"text\": \"yes\", \"session\": \"a1\"}", alice);
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        assertThat(audited(monitor, "restart_service"))
                .as(asked.body() + "\n" + confirmed.body())
                .extracting(e -> e.record().actor())
                .contains("alice@app-host");
        assertThat(audited(app, "restart_service"))
                .extracting(e -> e.record().actor())
                .contains("alice@app-host@monitor-host");

        HttpResponse<String> viewer =
                call(app, "POST", "/query", "{\"text\": \"restart the api on app\", \"session\": \"v1\"}", val);
        call(app, "POST", "/query", "{\"text\": \"yes\", \"session\": \"v1\"}", val);
        assertThat(json.readTree(viewer.body()).get("approval_id")).isNull();
        assertThat(audited(monitor, "restart_service"))
                .extracting(e -> e.record().actor())
                .doesNotContain("val@app-host");
    }

    @Test
    void approvalsOnTheAppAreTheMonitorsAndNameTheApprover() throws Exception {
        startPair(appTokenAtMonitor);
        String bob = app.tokens().create("bob", Role.OPERATOR, Instant.now());
        ActionResult pending = monitor.ops()
                .gate()
                .request(ActionRequest.builder("run_command", "monitor")
                        .parameter("command", "say_hi")
                        .requestedBy(new Principal("alice", Role.OPERATOR))
                        .build());

        JsonNode listed =
                json.readTree(call(app, "GET", "/approvals", null, bob).body());
        assertThat(listed.get("pending").get(0).get("id").asText()).isEqualTo(pending.approvalId());
        HttpResponse<String> approved = call(app, "POST", "/approvals/" + pending.approvalId() + "/approve", null, bob);
        assertThat(json.readTree(approved.body()).get("outcome").asText())
                .as(approved.body())
                .isEqualTo("succeeded");
        assertThat(monitor.ops()
                        .audit()
                        .query(AuditQuery.builder().outcome("approved").build()))
                .singleElement()
                .satisfies(e -> assertThat(e.record().actor()).isEqualTo("bob@app-host"));
    }

    @Test
    void aWrongTokenOrADownMonitorIsAClearErrorNotAStaleAnswer() throws Exception {
        startPair("sco_not-a-token-of-the-monitor");
        HttpResponse<String> refused = call(app, "GET", "/status", null, null);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(json.readTree(refused.body()).get("error").asText()).contains("401", "unknown or revoked token");

        app.close();
        monitor.close();
        monitor = null;
        app = null;
        startPair(appTokenAtMonitor);
        monitor.close();
        monitor = null;
        HttpResponse<String> down = call(app, "GET", "/status", null, null);
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(json.readTree(down.body()).get("error").asText()).contains("unreachable");
        assertThat(call(app, "GET", "/healthz", null, null).statusCode())
                .as("the app itself stays up")
                .isEqualTo(200);
        String alice = app.tokens().create("alice", Role.OPERATOR, Instant.now());
        HttpResponse<String> chat = call(app, "POST", "/query", "{\"text\": \"restart the api on app\"}", alice);
        assertThat(chat.body()).containsAnyOf("unreachable", "unavailable");
    }

    @Test
    void theLinkRefusesViewersAndHostileBodies() throws Exception {
        startPair(appTokenAtMonitor);
        String viewer = monitor.tokens().create("peeker", Role.VIEWER, Instant.now());
        String op = appTokenAtMonitor;
        String restart =
                "{\"action\":\"restart_service\",\"target\":\"x\",\"parameters\":{\"unit\":\"api\"},\"requestedBy\":{\"name\":\"eve\",\"role\":\"ADMIN\"}}";
        assertThat(call(monitor, "POST", "/link/v1/actions", restart, viewer).statusCode())
                .isEqualTo(403);
        for (String bad : List.of(
                "",
                "null",
                "[]",
                "{",
                "{\"action\": 5}",
                "{\"target\":\"x\"}",
                "{\"action\":\"restart_service\",\"target\":\"x\",\"parameters\":{},\"requestedBy\":{\"name\":\"a b\",\"role\":\"VIEWER\"}}",
                "{\"action\":\"restart_service\",\"target\":\"x\",\"parameters\":{},\"requestedBy\":{\"name\":\"a\",\"role\":\"ROOT\"}}")) {
            HttpResponse<String> r = call(monitor, "POST", "/link/v1/actions", bad, op);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(json.readTree(r.body()).get("error").asText()).isNotBlank();
        }
        assertThat(call(monitor, "POST", "/link/v1/points", "{\"series\": null, \"limit\": 5}", op)
                        .statusCode())
                .isEqualTo(400);
        assertThat(call(monitor, "GET", "/link/v1/anomalies?limit=-1", null, op).statusCode())
                .isEqualTo(400);
        assertThat(call(monitor, "POST", "/link/v1/audit", "{\"limit\": 0}", op).statusCode())
                .isEqualTo(400);
        // an admin claim through an operator's token is capped at operator, and named for both
        HttpResponse<String> capped = call(monitor, "POST", "/link/v1/actions", restart, op);
        assertThat(capped.statusCode()).isEqualTo(200);
        assertThat(audited(monitor, "restart_service"))
                .extracting(e -> e.record().actor())
                .contains("eve@app-host");
    }
}
