package io.smartcloudops.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcloudops.api.action.ActionMode;
import io.smartcloudops.api.action.ActionOutcome;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.ActionResult;
import io.smartcloudops.api.action.Principal;
import io.smartcloudops.api.action.Role;
import io.smartcloudops.api.audit.AuditQuery;
import io.smartcloudops.api.spi.ProviderConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens and roles, approvals over HTTP, and the per-caller query limit. */
class AuthAndApprovalsTest {
    @TempDir
    Path dataDir;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private Agent agent;

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
    }

    private void start(String chatEngine) {
        Map<String, ProviderConfig> actions = Map.of(
                "run_command",
                ProviderConfig.of(
                        "actions.run_command",
                        Map.of(
                                "destructive",
                                true,
                                "allow",
                                Map.of("say_hi", Map.of("argv", List.of("/bin/echo", "hi"))))));
        agent = Agent.builder(AgentConfig.defaults().toBuilder()
                        .port(0)
                        .dataDir(dataDir)
                        .sampleInterval(Duration.ofHours(1))
                        .sources(Map.of())
                        .chatEngine(chatEngine)
                        .actionMode(ActionMode.EXECUTE)
                        .actions(actions)
                        .build())
                .build()
                .start();
    }

    private HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.port() + path))
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

    @Test
    void approvalNeedsAnIdentifiedOperatorAndRunsTheAction() throws Exception {
        start("echo");
        String operator = agent.tokens().create("bob", Role.OPERATOR, Instant.now());
        String viewer = agent.tokens().create("val", Role.VIEWER, Instant.now());
        ActionResult pending = agent.ops()
                .gate()
                .request(ActionRequest.builder("run_command", "local")
                        .parameter("command", "say_hi")
                        .requestedBy(new Principal("alice", Role.OPERATOR))
                        .build());
        assertThat(pending.outcome()).isEqualTo(ActionOutcome.PENDING_APPROVAL);
        String path = "/approvals/" + pending.approvalId() + "/approve";

        assertThat(send("POST", path, null, null).statusCode()).isEqualTo(401);
        assertThat(send("POST", path, null, viewer).statusCode()).isEqualTo(403);
        HttpResponse<String> ok = send("POST", path, null, operator);
        assertThat(ok.statusCode()).isEqualTo(200);
        JsonNode r = json.readTree(ok.body());
        assertThat(r.get("outcome").asText()).isEqualTo("succeeded");
        assertThat(r.get("message").asText()).contains("hi");
        assertThat(agent.ops()
                        .audit()
                        .query(AuditQuery.builder().outcome("approved").build()))
                .singleElement()
                .satisfies(e -> assertThat(e.record().actor()).isEqualTo("bob"));
        assertThat(send("POST", path, null, operator).statusCode())
                .as("already used")
                .isEqualTo(404);
    }

    @Test
    void denyRecordsWhoAndWhy() throws Exception {
        start("echo");
        String operator = agent.tokens().create("bob", Role.OPERATOR, Instant.now());
        ActionResult pending = agent.ops()
                .gate()
                .request(ActionRequest.builder("run_command", "local")
                        .parameter("command", "say_hi")
                        .requestedBy(new Principal("alice", Role.OPERATOR))
                        .build());
        HttpResponse<String> denied =
                send("POST", "/approvals/" + pending.approvalId() + "/deny", "{\"reason\": \"not now\"}", operator);
        assertThat(denied.statusCode()).isEqualTo(200);
        assertThat(agent.ops()
                        .audit()
                        .query(AuditQuery.builder().outcome("denied").build()))
                .singleElement()
                .satisfies(e -> assertThat(e.record().reason()).isEqualTo("not now"));
        assertThat(agent.ops().gate().pending()).isEmpty();
    }

    @Test
    void chatActsAsTheTokenHolderThroughTheGateOnlyOnTheirConfirmation() throws Exception {
        start("offline");
        // the deployment knows host app and its nginx from the series it watches: chat resolves targets against them
        agent.ops()
                .ingest(new io.smartcloudops.api.metric.Sample(
                        io.smartcloudops.api.metric.SeriesId.of(
                                "nginx_up", io.smartcloudops.api.metric.Labels.of("host", "app", "service", "nginx")),
                        System.currentTimeMillis(),
                        1));
        String operator = agent.tokens().create("ops", Role.OPERATOR, Instant.now());
        HttpResponse<String> proposed =
                send("POST", "/query", "{\"text\": \"restart nginx on the app box\", \"session\": \"t1\"}", operator);
        assertThat(proposed.statusCode()).isEqualTo(200);
        assertThat(json.readTree(proposed.body()).get("intent").asText()).isEqualTo("restart_service");
        assertThat(agent.ops()
                        .audit()
                        .query(AuditQuery.builder().action("restart_service").build()))
                .as("a proposal only: nothing reached the gate")
                .isEmpty();
        HttpResponse<String> confirmed = send("POST", "/query", "{\"text\": \"yes\", \"session\": \"t1\"}", operator);
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(agent.ops()
                        .audit()
                        .query(AuditQuery.builder().action("restart_service").build()))
                .as(confirmed.body())
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.record().actor()).isEqualTo("ops"));
    }

    @Test
    void aQuestionOverHttpNeverActsEvenWhenAnsweredYes() throws Exception {
        start("offline");
        agent.ops()
                .ingest(new io.smartcloudops.api.metric.Sample(
                        io.smartcloudops.api.metric.SeriesId.of(
                                "nginx_up", io.smartcloudops.api.metric.Labels.of("host", "app", "service", "nginx")),
                        System.currentTimeMillis(),
                        1));
        String operator = agent.tokens().create("ops", Role.OPERATOR, Instant.now());
        for (String question : List.of(
                "should I restart nginx on the app box?",
                "what happens if I restart nginx on app?",
                "don't restart nginx on app",
                "can you even restart stuff?")) {
            assertThat(send("POST", "/query", "{\"text\": \"" + question + "\", \"session\": \"q1\"}", operator)
                            .statusCode())
                    .isEqualTo(200);
            send("POST", "/query", "{\"text\": \"yes\", \"session\": \"q1\"}", operator);
        }
        assertThat(agent.ops()
                        .audit()
                        .query(AuditQuery.builder().action("restart_service").build()))
                .as("execute mode, an operator token, and still nothing was started")
                .isEmpty();
    }

    @Test
    void queriesAreRateLimitedPerCaller() throws Exception {
        start("echo");
        int limited = 0;
        for (int i = 0; i < HttpApi.QUERIES_PER_MINUTE + 5; i++) {
            if (send("POST", "/query", "{\"text\": \"status\"}", null).statusCode() == 429) {
                limited++;
            }
        }
        assertThat(limited).isBetween(1, 5);
    }

    @Test
    void aRefusedQuerySaysInRetryAfterWhenTheBudgetRefills() throws Exception {
        // 15 s into a minute: the fixed one-minute window refills in 45 s
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-04T07:00:15Z"));
        agent = Agent.builder(AgentConfig.defaults().toBuilder()
                        .port(0)
                        .dataDir(dataDir)
                        .sampleInterval(Duration.ofHours(1))
                        .sources(Map.of())
                        .chatEngine("echo")
                        .build())
                .clock(now::get)
                .build()
                .start();
        for (int i = 0; i < HttpApi.QUERIES_PER_MINUTE; i++) {
            assertThat(send("POST", "/query", "{\"text\": \"status\"}", null).statusCode())
                    .isEqualTo(200);
        }
        HttpResponse<String> refused = send("POST", "/query", "{\"text\": \"status\"}", null);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("45");
        assertThat(json.readTree(refused.body()).get("error").asText()).contains("retry in 45 s");

        now.set(Instant.parse("2026-12-04T07:00:59.500Z"));
        assertThat(send("POST", "/query", "{\"text\": \"status\"}", null)
                        .headers()
                        .firstValue("Retry-After"))
                .as("half a second left rounds up to one")
                .hasValue("1");
        now.set(Instant.parse("2026-12-04T07:01:00Z"));
        assertThat(send("POST", "/query", "{\"text\": \"status\"}", null).statusCode())
                .as("waiting as told is enough")
                .isEqualTo(200);
    }
}
