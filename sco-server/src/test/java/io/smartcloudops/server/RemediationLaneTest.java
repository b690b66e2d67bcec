package io.smartcloudops.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcloudops.api.action.ActionMode;
import io.smartcloudops.api.spi.ProviderConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #13 item 7: a verification target that never answers held the webhook 55 s and
 * {@code /status}, {@code /approvals} and other alerts' webhooks about 47 s. Remediation now runs
 * in its own lane; these requests answer while the verification still hangs.
 */
class RemediationLaneTest {
    private static final String TOKEN = "a-long-enough-test-token";

    @TempDir
    Path dir;

    /** Accepts connections and never answers: the verification target that hangs. */
    private ServerSocket silent;

    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Agent agent;

    @AfterEach
    void stop() throws IOException {
        if (silent != null) {
            silent.close();
        }
        for (Socket s : held) {
            s.close(); // the hanging probe fails now, so the agent stops at once
        }
        if (agent != null) {
            agent.close();
        }
    }

    private void startSilentServer() throws IOException {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(
                () -> {
                    while (!silent.isClosed()) {
                        try {
                            held.add(silent.accept());
                            accepted.incrementAndGet();
                        } catch (IOException e) {
                            return;
                        }
                    }
                },
                "silent-verify-target");
        t.setDaemon(true);
        t.start();
    }

    private static String webhook(String alertname, String fingerprint) {
        return """
                {"version": "4", "groupKey": "{}:{}", "truncatedAlerts": 0, "status": "firing", "receiver": "sco",
                 "groupLabels": {}, "commonLabels": {}, "commonAnnotations": {}, "externalURL": "http://127.0.0.1:9093",
                 "alerts": [{"status": "firing", "labels": {"alertname": "%s", "host": "local", "severity": "critical"},
                             "annotations": {"summary": "down"}, "startsAt": "2026-11-27T10:00:00Z", "endsAt": "0001-01-01T00:00:00Z",
                             "generatorURL": "http://127.0.0.1:9090/graph", "fingerprint": "%s"}]}
                """.formatted(alertname, fingerprint);
    }

    /** Bounded by a timeout so that a request that waits on the hanging verification fails the test instead of hanging it. */
    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.port() + path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + TOKEN)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aVerificationThatNeverAnswersHoldsNoWebhookNorReads() throws Exception {
        startSilentServer();
        Path rules = dir.resolve("rules.yml");
        Files.writeString(rules, """
                groups: []
                policies:
                  - name: fix and verify against a target that hangs
                    match: ['alertname="HangsOnVerify"']
                    remediation:
                      action: run_command
                      target: '{{ $labels.host }}'
                      parameters: {command: ok}
                      verify: {target: local, parameters: {url: 'http://127.0.0.1:%d/'}, attempts: 3, interval: 1s}
                """.formatted(silent.getLocalPort()));
        Map<String, ProviderConfig> actions = Map.of(
                "run_command",
                        ProviderConfig.of(
                                "actions.run_command",
                                Map.of(
                                        "destructive",
                                        false,
                                        "allow",
                                        Map.of("ok", Map.of("argv", List.of("/bin/true"))))),
                // the probe waits far longer than any request below may take
                "health_check", ProviderConfig.of("actions.health_check", Map.of("timeout", "120s")));
        agent = Agent.builder(AgentConfig.defaults().toBuilder()
                        .httpToken(TOKEN)
                        .knownHosts(List.of("local"))
                        .port(0)
                        .dataDir(dir.resolve("data"))
                        .sampleInterval(Duration.ofHours(1))
                        .sources(Map.of())
                        .chatEngine("echo")
                        .rulesFile(rules)
                        .actionMode(ActionMode.EXECUTE)
                        .actions(actions)
                        .build())
                .build()
                .start();

        assertThat(send("POST", "/webhook/alertmanager", webhook("HangsOnVerify", "f1"))
                        .statusCode())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> accepted.get() >= 1); // the verification now hangs in its GET

        assertThat(send("GET", "/status", null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/approvals", null).statusCode()).isEqualTo(200);
        HttpResponse<String> other = send("POST", "/webhook/alertmanager", webhook("SomethingElse", "f2"));
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(other.body()).get("new").asInt()).isEqualTo(1);
        assertThat(agent.ops().router().externalAlerts()).hasSize(2);
        assertThat(accepted.get())
                .as("the verification is still waiting for its first answer")
                .isEqualTo(1);
    }
}
