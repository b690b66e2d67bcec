package io.smartcloudops.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.smartcloudops.api.action.ActionMode;
import io.smartcloudops.api.audit.AuditQuery;
import io.smartcloudops.api.spi.ProviderConfig;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #13 item 13: the default NginxDown policy verifies {@code http://{{ $labels.instance }}/},
 * so whoever posted the webhook chose the URL the agent fetched (a listener on 127.0.0.9 got the
 * GET) and the host it acted on. Label-chosen targets and URLs must now name a known host.
 */
class KnownHostsOnlyTest {
    private static final String TOKEN = "a-long-enough-test-token";

    @TempDir
    Path dir;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Agent agent;
    private HttpServer attacker;
    private HttpServer service;

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        if (attacker != null) {
            attacker.stop(0);
        }
        if (service != null) {
            service.stop(0);
        }
    }

    private static HttpServer listener(String address, AtomicInteger gets) throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress(address, 0), 0);
        s.createContext("/", ex -> {
            gets.incrementAndGet();
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        s.start();
        return s;
    }

    private void start() throws Exception {
        Path rules = dir.resolve("rules.yml");
        Files.writeString(rules, """
                groups: []
                policies:
                  - name: fix and verify where the labels say, as the default NginxDown policy does
                    match: ['alertname="ServiceDown"']
                    remediation:
                      action: run_command
                      target: '{{ $labels.host }}'
                      parameters: {command: fix}
                      verify: {target: '{{ $labels.host }}', parameters: {url: 'http://{{ $labels.instance }}/'}, attempts: 1, interval: 1s}
                """);
        Map<String, ProviderConfig> actions = Map.of(
                "run_command",
                ProviderConfig.of(
                        "actions.run_command",
                        Map.of(
                                "destructive",
                                false,
                                "allow",
                                Map.of(
                                        "fix",
                                        Map.of(
                                                "argv",
                                                List.of(
                                                        "/usr/bin/touch",
                                                        dir.resolve("fixed").toString()))))));
        agent = Agent.builder(AgentConfig.defaults().toBuilder()
                        .httpToken(TOKEN)
                        .port(0)
                        .dataDir(dir.resolve("data"))
                        .sampleInterval(Duration.ofHours(1))
                        .sources(Map.of())
                        .chatEngine("echo")
                        .rulesFile(rules)
                        .cooldown(Duration.ZERO)
                        .actionMode(ActionMode.EXECUTE)
                        .actions(actions)
                        .build())
                .build()
                .start();
    }

    private void fire(String fingerprint, String host, String instance) throws Exception {
        String body = """
                {"version": "4", "groupKey": "{}:{}", "truncatedAlerts": 0, "status": "firing", "receiver": "sco",
                 "groupLabels": {}, "commonLabels": {}, "commonAnnotations": {}, "externalURL": "http://127.0.0.1:9093",
                 "alerts": [{"status": "firing", "labels": {"alertname": "ServiceDown", "host": "%s", "instance": "%s", "severity": "critical"},
                             "annotations": {"summary": "down"}, "startsAt": "2026-11-27T10:00:00Z", "endsAt": "0001-01-01T00:00:00Z",
                             "generatorURL": "http://127.0.0.1:9090/graph", "fingerprint": "%s"}]}
                """.formatted(host, instance, fingerprint);
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.port() + "/webhook/alertmanager"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private List<String> results() {
        return agent
                .ops()
                .audit()
                .query(AuditQuery.builder().action("run_command").build())
                .stream()
                .map(e -> e.record().outcome() + " " + e.record().details().get("message"))
                .toList();
    }

    @Test
    void aVerificationUrlTheLabelsChoseIsFetchedOnlyFromAKnownHost() throws Exception {
        AtomicInteger attackerGets = new AtomicInteger();
        AtomicInteger serviceGets = new AtomicInteger();
        attacker = listener("127.0.0.9", attackerGets);
        service = listener("127.0.0.1", serviceGets);
        start();

        fire("a1", "localhost", "127.0.0.9:" + attacker.getAddress().getPort());
        await().atMost(Duration.ofSeconds(10)).until(() -> results().stream().anyMatch(r -> r.startsWith("rejected")));
        assertThat(results())
                .singleElement()
                .asString()
                .contains("refused: url 'http://127.0.0.9:")
                .contains("no known host");
        assertThat(Files.exists(dir.resolve("fixed")))
                .as("nothing ran for the refused alert")
                .isFalse();

        // the same policy with a known host in the labels fixes and verifies as before
        fire("a2", "localhost", "localhost:" + service.getAddress().getPort());
        await().atMost(Duration.ofSeconds(10)).until(() -> results().stream().anyMatch(r -> r.startsWith("succeeded")));
        assertThat(serviceGets.get()).isEqualTo(1);
        assertThat(attackerGets.get())
                .as("the listener on 127.0.0.9 never got the agent's GET")
                .isZero();
    }

    @Test
    void aTargetTheLabelsChoseMustBeAKnownHost() throws Exception {
        start();
        fire("b1", "attacker.example", "localhost:1");
        await().atMost(Duration.ofSeconds(10)).until(() -> results().stream().anyMatch(r -> r.startsWith("rejected")));
        assertThat(results()).singleElement().asString().contains("target 'attacker.example'");
        assertThat(Files.exists(dir.resolve("fixed"))).isFalse();
    }
}
