package io.smartcloudops.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcloudops.api.audit.AuditQuery;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #13 item 12: after a restart a replayed old firing alert was remediated again inside its
 * cooldown, and silences were gone. Both live in {@code state.db} beside the audit log now.
 */
class RestartKeepsSafetyTest {
    private static final String TOKEN = "a-long-enough-test-token";

    @TempDir
    Path dir;

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

    private void start() {
        agent = Agent.builder(AgentConfig.defaults().toBuilder()
                        .httpToken(TOKEN)
                        .knownHosts(List.of("app"))
                        .port(0)
                        .dataDir(dir.resolve("data"))
                        .sampleInterval(Duration.ofHours(1))
                        .sources(Map.of())
                        .chatEngine("echo")
                        .build())
                .build()
                .start();
    }

    private JsonNode ok(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.port() + path))
                .header("Authorization", "Bearer " + TOKEN)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    private long started() {
        return agent.ops()
                .audit()
                .query(AuditQuery.builder()
                        .action("restart_service")
                        .outcome("started")
                        .build())
                .size();
    }

    @Test
    void aReplayedOldAlertInsideItsCooldownIsNotRemediatedAgainAndSilencesRemain() throws Exception {
        start();
        String silence = ok(
                        "POST",
                        "/silences",
                        "{\"matchers\": [\"host=\\\"db\\\"\"], \"duration\": \"2h\", \"comment\": \"upgrade\"}")
                .get("id")
                .asText();
        assertThat(ok("POST", "/webhook/alertmanager", AlertEndpointsTest.FIRING_NGINX)
                        .get("new")
                        .asInt())
                .isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> started() == 1);

        agent.close();
        start();
        assertThat(ok("GET", "/silences", null).get("silences").findValuesAsText("id"))
                .containsExactly(silence);
        // the restarted router has not seen the alert, so it is news to it; the gate remembers the act
        assertThat(ok("POST", "/webhook/alertmanager", AlertEndpointsTest.FIRING_NGINX)
                        .get("new")
                        .asInt())
                .isEqualTo(1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !agent.ops()
                        .audit()
                        .query(AuditQuery.builder()
                                .action("restart_service")
                                .outcome("suppressed")
                                .build())
                        .isEmpty());
        // the same delivery again: its idempotency key (fingerprint and start) was kept
        assertThat(agent.ops()
                        .audit()
                        .query(AuditQuery.builder()
                                .action("restart_service")
                                .outcome("suppressed")
                                .build()))
                .extracting(e -> e.record().details().get("message"))
                .singleElement()
                .asString()
                .startsWith("duplicate of request");
        // the alert fired anew (another start): a new key, but the target is still in its cooldown
        ok(
                "POST",
                "/webhook/alertmanager",
                AlertEndpointsTest.FIRING_NGINX.replace("2026-11-27T10:00:00Z", "2026-11-27T10:01:00Z"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> agent.ops()
                                .audit()
                                .query(AuditQuery.builder()
                                        .action("restart_service")
                                        .outcome("suppressed")
                                        .build())
                                .size()
                        == 2);
        assertThat(agent.ops()
                        .audit()
                        .query(AuditQuery.builder()
                                .action("restart_service")
                                .outcome("suppressed")
                                .build()))
                .extracting(e -> e.record().details().get("message"))
                .anyMatch(m -> m.startsWith("cooldown"));
        assertThat(agent.ops()
                        .audit()
                        .query(AuditQuery.builder().action("restart_service").build()))
                .filteredOn(e -> e.record().outcome().equals("started"))
                .hasSize(1);
    }
}
