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
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The defects an attack on the built agent found (issue #13 items 1, 2, 4, 11, 17): anonymous
 * loopback callers acting through the link, cross-site and rebinding requests, guessable ids, an
 * actor taken from the request body, loopback judged from the bind string, and a rate limit that
 * another 127/8 address escapes. Each test failed on the code before the fix.
 */
class LockedDoorsTest {
    private static final String DESTRUCTIVE_ACTION = "{\"action\": \"run_command\", \"target\": \"local\", "
            + "\"parameters\": {\"command\": \"touch_it\"}, \"reason\": \"test\"}";

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

    private AgentConfig.Builder config() {
        Path touched = dir.resolve("touched");
        Map<String, ProviderConfig> actions = Map.of(
                "run_command",
                ProviderConfig.of(
                        "actions.run_command",
                        Map.of(
                                "destructive",
                                true,
                                "allow",
                                Map.of("touch_it", Map.of("argv", List.of("/usr/bin/touch", touched.toString()))))));
        return AgentConfig.defaults().toBuilder()
                .port(0)
                .dataDir(dir.resolve("data"))
                .sampleInterval(Duration.ofHours(1))
                .sources(Map.of())
                .chatEngine("echo")
                .actionMode(ActionMode.EXECUTE)
                .actions(actions);
    }

    private Agent start(AgentConfig.Builder b) {
        agent = Agent.builder(b.build()).build().start();
        return agent;
    }

    /** A raw request, so Host, Origin and Content-Type are exactly what a hostile page would send. */
    private Answer raw(String method, String path, Map<String, String> headers, String body) throws IOException {
        try (Socket s = new Socket("127.0.0.1", agent.port())) {
            return exchange(s, method, path, headers, body);
        }
    }

    private static Answer exchange(Socket s, String method, String path, Map<String, String> headers, String body)
            throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
        if (!headers.containsKey("Host")) {
            req.append("Host: 127.0.0.1:").append(s.getPort()).append("\r\n");
        }
        headers.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
        req.append("Content-Length: ").append(bytes.length).append("\r\nConnection: close\r\n\r\n");
        OutputStream out = s.getOutputStream();
        out.write(req.toString().getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
        InputStream in = s.getInputStream();
        String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        int status = Integer.parseInt(answer.substring(9, 12));
        return new Answer(status, answer.substring(answer.indexOf("\r\n\r\n") + 4));
    }

    private record Answer(int status, String body) {}

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
    void anonymousLoopbackCallersCannotActOrApproveThroughTheLinkOrAnywhere() throws Exception {
        start(config());
        assertThat(send("POST", "/link/v1/actions", DESTRUCTIVE_ACTION, null).statusCode())
                .isEqualTo(401);
        ActionResult pending = agent.ops()
                .gate()
                .request(ActionRequest.builder("run_command", "local")
                        .parameter("command", "touch_it")
                        .requestedBy(new Principal("alice", Role.OPERATOR))
                        .build());
        assertThat(pending.outcome()).isEqualTo(ActionOutcome.PENDING_APPROVAL);
        String id = pending.approvalId();
        assertThat(send("POST", "/link/v1/approvals/" + id + "/approve", "{}", null)
                        .statusCode())
                .isEqualTo(401);
        assertThat(send("POST", "/approvals/" + id + "/approve", null, null).statusCode())
                .isEqualTo(401);
        assertThat(send("GET", "/link/v1/status", null, null).statusCode())
                .as("the link is host-to-host: always a token")
                .isEqualTo(401);
        assertThat(send("POST", "/silences", "{\"matchers\": [\"host=\\\"app\\\"\"]}", null)
                        .statusCode())
                .isEqualTo(401);
        assertThat(send("POST", "/-/reload", null, null).statusCode()).isEqualTo(401);
        assertThat(send("POST", "/webhook/alertmanager", "{\"version\": \"4\", \"alerts\": []}", null)
                        .statusCode())
                .isEqualTo(401);
        assertThat(Files.exists(dir.resolve("touched"))).as("nothing ran").isFalse();
        assertThat(agent.ops().gate().pending()).hasSize(1);

        assertThat(send("GET", "/status", null, null).statusCode())
                .as("reads stay open on loopback by default")
                .isEqualTo(200);
        assertThat(send("POST", "/query", "{\"text\": \"status\"}", null).statusCode())
                .isEqualTo(200);

        String operator = agent.tokens().create("bob", Role.OPERATOR, Instant.now());
        HttpResponse<String> approved = send("POST", "/link/v1/approvals/" + id + "/approve", "{}", operator);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(Files.exists(dir.resolve("touched"))).isTrue();
        assertThat(agent.ops()
                        .audit()
                        .query(AuditQuery.builder().outcome("approved").build()))
                .singleElement()
                .satisfies(e -> assertThat(e.record().actor()).isEqualTo("bob"));
    }

    @Test
    void anonymousNoneClosesEvenTheReadsOnLoopback() throws Exception {
        start(config().anonymous(ServerConfig.AnonymousAccess.NONE));
        assertThat(send("GET", "/status", null, null).statusCode()).isEqualTo(401);
        assertThat(send("POST", "/query", "{\"text\": \"status\"}", null).statusCode())
                .isEqualTo(401);
        assertThat(send("GET", "/healthz", null, null).statusCode()).isEqualTo(200);
        String viewer = agent.tokens().create("val", Role.VIEWER, Instant.now());
        assertThat(send("GET", "/status", null, viewer).statusCode()).isEqualTo(200);
    }

    @Test
    void crossSiteChangesAreRefusedEvenWithAToken() throws Exception {
        start(config().httpToken("a-long-enough-operator-token"));
        String operator = "Bearer a-long-enough-operator-token";
        Answer plain = raw(
                "POST",
                "/silences",
                Map.of("Content-Type", "text/plain", "Origin", "http://attacker.example"),
                "{\"matchers\": [\"host=\\\"app\\\"\"]}");
        assertThat(plain.status()).isIn(401, 403, 415);
        Answer textWithToken = raw(
                "POST",
                "/silences",
                Map.of("Content-Type", "text/plain", "Authorization", operator),
                "{\"matchers\": [\"host=\\\"app\\\"\"]}");
        assertThat(textWithToken.status()).as(textWithToken.body()).isEqualTo(415);
        Answer foreign = raw(
                "POST",
                "/silences",
                Map.of(
                        "Content-Type",
                        "application/json",
                        "Authorization",
                        operator,
                        "Origin",
                        "http://attacker.example"),
                "{\"matchers\": [\"host=\\\"app\\\"\"]}");
        assertThat(foreign.status()).as(foreign.body()).isEqualTo(403);
        Answer fetchMeta =
                raw("POST", "/-/reload", Map.of("Authorization", operator, "Sec-Fetch-Site", "cross-site"), null);
        assertThat(fetchMeta.status()).isEqualTo(403);
        assertThat(agent.ops().router().silences().active(Instant.now())).isEmpty();

        Answer own = raw(
                "POST",
                "/silences",
                Map.of(
                        "Content-Type",
                        "application/json; charset=utf-8",
                        "Authorization",
                        operator,
                        "Origin",
                        "http://127.0.0.1:" + agent.port()),
                "{\"matchers\": [\"host=\\\"app\\\"\"]}");
        assertThat(own.status()).as("the page's own origin may change things").isEqualTo(200);
    }

    @Test
    void onlyTheServersOwnHostNamesAreAnswered() throws Exception {
        start(config().hosts(List.of("monitor.internal")));
        Answer rebound = raw("GET", "/audit", Map.of("Host", "rebind.attacker.example:" + agent.port()), null);
        assertThat(rebound.status()).isEqualTo(421);
        assertThat(json.readTree(rebound.body()).get("error").asText()).contains("rebind.attacker.example");
        assertThat(raw("GET", "/audit", Map.of("Host", "localhost:" + agent.port()), null)
                        .status())
                .isEqualTo(200);
        assertThat(raw("GET", "/audit", Map.of("Host", "MONITOR.internal:" + agent.port()), null)
                        .status())
                .isEqualTo(200);
        assertThat(raw("GET", "/audit", Map.of("Host", "127.0.0.1:" + agent.port()), null)
                        .status())
                .isEqualTo(200);
        assertThat(raw("GET", "/audit", Map.of("Host", "[::1]:" + agent.port()), null)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void approvalAndSilenceIdsCannotBeGuessedAndDoNotRepeatAfterARestart() throws Exception {
        start(config().httpToken("a-long-enough-operator-token"));
        ActionRequest r = ActionRequest.builder("run_command", "local")
                .parameter("command", "touch_it")
                .requestedBy(new Principal("alice", Role.OPERATOR))
                .build();
        String first = agent.ops().gate().request(r).approvalId();
        String second = agent.ops()
                .gate()
                .request(ActionRequest.builder("run_command", "other")
                        .parameter("command", "touch_it")
                        .requestedBy(new Principal("alice", Role.OPERATOR))
                        .build())
                .approvalId();
        assertThat(first).matches("apr-\\d{12}").isNotEqualTo(second);
        assertThat(Math.abs(Long.parseLong(first.substring(4)) - Long.parseLong(second.substring(4))))
                .isGreaterThan(1);

        String silence = json.readTree(send(
                                "POST",
                                "/silences",
                                "{\"matchers\": [\"host=\\\"app\\\"\"]}",
                                "a-long-enough-operator-token")
                        .body())
                .get("id")
                .asText();
        agent.close();
        start(config().httpToken("a-long-enough-operator-token"));
        String after = json.readTree(send(
                                "POST",
                                "/silences",
                                "{\"matchers\": [\"host=\\\"app\\\"\"]}",
                                "a-long-enough-operator-token")
                        .body())
                .get("id")
                .asText();
        assertThat(silence).matches("sil-\\d{12}");
        assertThat(after).isNotEqualTo(silence);
    }

    @Test
    void theActorIsTheAuthenticatedCallerNeverTheBodysClaim() throws Exception {
        start(config());
        String operator = agent.tokens().create("bob", Role.OPERATOR, Instant.now());
        JsonNode s = json.readTree(send(
                        "POST",
                        "/silences",
                        "{\"matchers\": [\"host=\\\"app\\\"\"], \"created_by\": \"\u202Eadmin\"}",
                        operator)
                .body());
        assertThat(s.get("created_by").asText()).isEqualTo("bob");
        String id = s.get("id").asText();
        assertThat(send("DELETE", "/silences/" + id, null, operator).statusCode())
                .isEqualTo(200);
        assertThat(send("POST", "/-/reload", null, operator).statusCode()).isEqualTo(200);
        assertThat(agent.ops().audit().query(AuditQuery.builder().subject(id).build()))
                .extracting(e -> e.record().action() + " by " + e.record().actor())
                .containsExactlyInAnyOrder("silence by bob", "silence by bob");
        assertThat(agent.ops()
                        .audit()
                        .query(AuditQuery.builder().action("reload").build()))
                .extracting(e -> e.record().actor())
                .containsExactly("bob");
        assertThat(agent.ops().audit().query(AuditQuery.latest(50)))
                .noneMatch(e -> e.toString().contains("\u202E"));
    }

    @Test
    void loopbackIsDecidedFromTheListeningAddressNotTheBindName() throws Exception {
        // "127.sec.test" reads like loopback but resolves to every interface, as the attack's name resolved to
        // 10.213.0.2
        agent = Agent.builder(config().bind("127.sec.test").build())
                .bindResolver(name ->
                        name.equals("127.sec.test") ? InetAddress.getByName("0.0.0.0") : InetAddress.getByName(name))
                .build()
                .start();
        assertThat(send("GET", "/status", null, null).statusCode()).isEqualTo(401);
        assertThat(send("POST", "/silences", "{\"matchers\": [\"host=\\\"app\\\"\"]}", null)
                        .statusCode())
                .isEqualTo(401);
        assertThat(send("GET", "/healthz", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void anonymousCallersShareOneQueryBudgetWhicheverLoopbackAddressTheyUse() throws Exception {
        start(config());
        int allowed = 0;
        for (int i = 0; i < HttpApi.QUERIES_PER_MINUTE; i++) {
            if (send("POST", "/query", "{\"text\": \"status\"}", null).statusCode() == 200) {
                allowed++;
            }
        }
        assertThat(allowed).isEqualTo(HttpApi.QUERIES_PER_MINUTE);
        try (Socket other = new Socket()) {
            other.bind(new InetSocketAddress("127.0.0.2", 0));
            other.connect(new InetSocketAddress("127.0.0.1", agent.port()));
            Answer a = exchange(
                    other, "POST", "/query", Map.of("Content-Type", "application/json"), "{\"text\": \"status\"}");
            assertThat(a.status()).as(a.body()).isEqualTo(429);
        }
    }

    @Test
    void everyFileTheAgentWritesIsOwnerOnlyAndItsFoldersToo() throws Exception {
        start(config());
        String operator = agent.tokens().create("bob", Role.OPERATOR, Instant.now());
        assertThat(send("POST", "/silences", "{\"matchers\": [\"host=\\\"app\\\"\"]}", operator)
                        .statusCode())
                .isEqualTo(200);
        assertThat(send("POST", "/query", "{\"text\": \"status\"}", operator).statusCode())
                .isEqualTo(200);
        agent.close();
        agent = null;
        List<Path> written;
        try (var walk = Files.walk(dir)) {
            written = walk.filter(p -> !p.equals(dir)).toList();
        }
        assertThat(written)
                .extracting(p -> dir.relativize(p).toString())
                .contains("data", "data/audit.db", "data/tokens.db");
        for (Path p : written) {
            String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
            assertThat(mode)
                    .as(dir.relativize(p).toString())
                    .isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------");
        }
    }
}
