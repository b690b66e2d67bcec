package io.smartcloudops.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcloudops.api.audit.AuditQuery;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Alertmanager webhook, silences, alert grouping and rule reload, over real HTTP. */
class AlertEndpointsTest {
    static final String FIRING_NGINX = """
            {"version": "4", "groupKey": "{}:{alertname=\\"NginxDown\\"}", "truncatedAlerts": 0, "status": "firing",
             "receiver": "smartcloudops", "groupLabels": {"alertname": "NginxDown"}, "commonLabels": {}, "commonAnnotations": {},
             "externalURL": "http://127.0.0.1:9093",
             "alerts": [{"status": "firing", "labels": {"alertname": "NginxDown", "instance": "app:80", "host": "app", "job": "nginx", "severity": "critical"},
                         "annotations": {"summary": "nginx is down"}, "startsAt": "2026-11-27T10:00:00Z", "endsAt": "0001-01-01T00:00:00Z",
                         "generatorURL": "http://127.0.0.1:9090/graph", "fingerprint": "c4a1"}]}
            """;
    private static final String TOKEN = "a-long-enough-test-token";

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

    private Agent start(AgentConfig.Builder b) {
        // the config token is an operator's: every change below names it, as every change must
        agent = Agent.builder(b.httpToken(TOKEN)
                        .knownHosts(List.of("app"))
                        .port(0)
                        .dataDir(dataDir)
                        .sampleInterval(Duration.ofMillis(50))
                        .sources(Map.of())
                        .chatEngine("echo")
                        .build())
                .build()
                .start();
        return agent;
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

    private JsonNode ok(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    @Test
    void alertmanagerWebhookDrivesThePolicyOnceEvenWhenResent() throws Exception {
        start(AgentConfig.defaults().toBuilder());
        JsonNode first = ok(send("POST", "/webhook/alertmanager", FIRING_NGINX, TOKEN));
        assertThat(first.get("new").asInt()).isEqualTo(1);
        assertThat(ok(send("POST", "/webhook/alertmanager", FIRING_NGINX, TOKEN))
                        .get("new")
                        .asInt())
                .isZero();

        // remediation runs in its own lane, after the webhook has answered
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> ok(send("GET", "/status", null, null))
                                .get("recent_actions")
                                .size()
                        > 0);
        JsonNode status = ok(send("GET", "/status", null, null));
        assertThat(status.get("recent_actions")).hasSize(1);
        JsonNode action = status.get("recent_actions").get(0);
        // the default policy targets the host (deploy/prometheus/prometheus.yml sets it), not the instance app:80
        assertThat(action.get("target").asText()).isEqualTo("app");
        assertThat(action.get("message").asText()).isEqualTo("would run: systemctl restart nginx");
        assertThat(status.get("open_alerts").findValuesAsText("source")).contains("alertmanager");

        JsonNode groups =
                ok(send("GET", "/alerts?group_by=alertname", null, null)).get("groups");
        assertThat(groups.get(0).get("labels").get("alertname").asText()).isEqualTo("NginxDown");
        assertThat(send("GET", "/alerts?group_by=bad-label", null, null).statusCode())
                .isEqualTo(400);
        assertThat(send("POST", "/webhook/alertmanager", "{\"version\": \"3\"}", TOKEN)
                        .statusCode())
                .isEqualTo(400);
    }

    /** Issue #13 item 9: webhook alerts without a resolve grew without bound. */
    @Test
    void webhookAlertsBeyondTheLimitAreRefusedWith503AndRetryAfter() throws Exception {
        start(AgentConfig.defaults().toBuilder().maxBodyBytes(1024 * 1024));
        for (int batch = 0; batch < 10; batch++) {
            assertThat(ok(send("POST", "/webhook/alertmanager", manyFiring(batch, 1_000), TOKEN))
                            .get("new")
                            .asInt())
                    .isEqualTo(1_000);
        }
        HttpResponse<String> full = send("POST", "/webhook/alertmanager", manyFiring(10, 1), TOKEN);
        assertThat(full.statusCode()).as(full.body()).isEqualTo(503);
        assertThat(full.headers().firstValue("Retry-After")).contains("60");
        assertThat(json.readTree(full.body()).get("error").asText()).contains("limit is 10000");
        assertThat(ok(send("POST", "/webhook/alertmanager", manyFiring(0, 1), TOKEN))
                        .get("new")
                        .asInt())
                .as("re-deliveries of what is held still pass")
                .isZero();
    }

    private static String manyFiring(int batch, int n) {
        StringBuilder b = new StringBuilder("{\"version\": \"4\", \"status\": \"firing\", \"alerts\": [");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",")
                    .append("{\"status\": \"firing\", \"labels\": {\"alertname\": \"Flood\", \"severity\": \"info\", "
                            + "\"n\": \"")
                    .append(batch)
                    .append('-')
                    .append(i)
                    .append("\"}, \"startsAt\": \"2026-11-27T00:00:00Z\"}");
        }
        return b.append("]}").toString();
    }

    @Test
    void silenceMutesRemediationUntilItIsExpired() throws Exception {
        start(AgentConfig.defaults().toBuilder());
        JsonNode silence = ok(send(
                "POST",
                "/silences",
                "{\"matchers\": [\"alertname=\\\"NginxDown\\\"\"], \"duration\": \"1h\", "
                        + "\"created_by\": \"alice\", \"comment\": \"maintenance\"}",
                TOKEN));
        ok(send("POST", "/webhook/alertmanager", FIRING_NGINX, TOKEN));
        assertThat(ok(send("GET", "/status", null, null)).get("recent_actions")).isEmpty();
        assertThat(agent.ops()
                        .audit()
                        .query(AuditQuery.builder().outcome("silenced").build()))
                .hasSize(1);
        assertThat(ok(send("GET", "/silences", null, null)).get("silences")).hasSize(1);

        String id = silence.get("id").asText();
        ok(send("DELETE", "/silences/" + id, null, TOKEN));
        assertThat(send("DELETE", "/silences/" + id, null, TOKEN).statusCode()).isEqualTo(404);
        assertThat(send("POST", "/silences", "{\"matchers\": [\"alertname=~\\\".*\\\"\"]}", TOKEN)
                        .statusCode())
                .isEqualTo(400);
        assertThat(send("POST", "/silences", "{\"matchers\": [\"x=\\\"y\\\"\"], \"duration\": \"90d\"}", TOKEN)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void tokenGuardsTheWebhookAndStateChangesButNotReads() throws Exception {
        start(AgentConfig.defaults().toBuilder().httpToken(TOKEN));
        assertThat(send("POST", "/webhook/alertmanager", FIRING_NGINX, null).statusCode())
                .isEqualTo(401);
        assertThat(send("POST", "/webhook/alertmanager", FIRING_NGINX, "wrong-token-wrong-token")
                        .statusCode())
                .isEqualTo(401);
        assertThat(send("POST", "/-/reload", null, null).statusCode()).isEqualTo(401);
        assertThat(send("POST", "/webhook/alertmanager", FIRING_NGINX, TOKEN).statusCode())
                .isEqualTo(200);
        assertThat(send("GET", "/status", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void offLoopbackEveryEndpointButTheHealthProbeNeedsAToken() throws Exception {
        AtomicReference<String> admin = new AtomicReference<>();
        agent = Agent.builder(AgentConfig.defaults().toBuilder()
                        .bind("0.0.0.0")
                        .port(0)
                        .dataDir(dataDir)
                        .sampleInterval(Duration.ofHours(1))
                        .sources(Map.of())
                        .chatEngine("echo")
                        .build())
                .onFirstAdminToken(admin::set)
                .build()
                .start();
        assertThat(admin.get()).startsWith("sco_");
        assertThat(send("GET", "/healthz", null, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/status", null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/metrics", null, "sco_not-a-real-token").statusCode())
                .isEqualTo(401);
        assertThat(send("GET", "/status", null, admin.get()).statusCode()).isEqualTo(200);

        String viewer = agent.tokens().create("val", io.smartcloudops.api.action.Role.VIEWER, Instant.now());
        assertThat(send("GET", "/status", null, viewer).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/silences", "{\"matchers\": [\"x=\\\"y\\\"\"]}", viewer)
                        .statusCode())
                .isEqualTo(403);
        assertThat(send("POST", "/silences", "{\"matchers\": [\"x=\\\"y\\\"\"]}", admin.get())
                        .statusCode())
                .isEqualTo(200);
        agent.tokens().revoke("val");
        assertThat(send("GET", "/status", null, viewer).statusCode()).isEqualTo(401);
    }

    @Test
    void reloadSwapsRulesAndKeepsThemWhenTheNewFileIsBad() throws Exception {
        Path rules = dataDir.resolve("rules.yml");
        Files.writeString(rules, "groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: cpu > 1\n");
        start(AgentConfig.defaults().toBuilder().rulesFile(rules));
        Files.writeString(
                rules,
                "groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: cpu > 1\n      - alert: B\n        expr: cpu > 2\n");
        assertThat(ok(send("POST", "/-/reload", null, TOKEN)).get("rules").asInt())
                .isEqualTo(2);
        Files.writeString(rules, "groups:\n  - name: g\n    rules:\n      - alert: C\n        exp: cpu > 1\n");
        Files.setLastModifiedTime(rules, FileTime.from(Instant.now().plusSeconds(5)));
        HttpResponse<String> bad = send("POST", "/-/reload", null, TOKEN);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json.readTree(bad.body()).get("problems").get(0).asText())
                .contains("rules.yml:5")
                .contains("unknown field 'exp'");
        // the file watch may reload first (audited as rule-file-watch); the request is audited as its caller, once
        assertThat(agent.ops()
                        .audit()
                        .query(AuditQuery.builder().action("reload").build()))
                .filteredOn(e -> e.record().actor().equals("config-token"))
                .hasSize(1);
    }
}
