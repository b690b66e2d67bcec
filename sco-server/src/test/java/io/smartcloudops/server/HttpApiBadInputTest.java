package io.smartcloudops.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcloudops.api.audit.AuditQuery;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpApiBadInputTest {
    @TempDir
    Path dataDir;

    private static final String OPERATOR = "a-long-enough-operator-token";
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private Agent agent;

    @BeforeEach
    void start() {
        agent = Agent.builder(AgentConfig.defaults().toBuilder()
                        .httpToken(OPERATOR)
                        .port(0)
                        .dataDir(dataDir)
                        .sampleInterval(Duration.ofHours(1))
                        .sources(Map.of())
                        .chatEngine("echo")
                        .build())
                .build()
                .start();
    }

    @AfterEach
    void stop() {
        agent.close();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return send(method, path, body, null);
    }

    private HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.port() + path))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        b.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode errorOf(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
        JsonNode body = json.readTree(r.body());
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("error").asText()).isNotBlank();
        return body;
    }

    @Test
    void wellFormedQueryReachesTheEngineAsAnAnonymousViewer() throws Exception {
        HttpResponse<String> r = send("POST", "/query", "{\"text\": \"show open alerts\", \"session\": \"s-1\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(r.body());
        assertThat(body.get("intent").asText()).isEqualTo("echo");
        assertThat(body.get("answer").asText()).isEqualTo("show open alerts");
        assertThat(body.get("slots").get("session").asText()).isEqualTo("s-1");
        assertThat(body.get("data").get("role").asText()).isEqualTo("VIEWER");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{not json",
                "[1,2,3]",
                "\"text\"",
                "{}",
                "{\"text\": 42}",
                "{\"text\": \"   \"}",
                "{\"text\": \"ok\", \"session\": \"bad session id!\"}",
                "{\"text\": \"ok\", \"session\": 7}",
                "",
                "{\"text\": \"ok\"} trailing",
                "{\"text\": \"ok\"}{\"text\": \"again\"}",
                "{\"text\": \"ok\", \"text\": \"other\"}"
            })
    void malformedQueryBodiesGet400WithAJsonError(String body) throws Exception {
        errorOf(send("POST", "/query", body), 400);
    }

    @Test
    void hugeBodyIsRejectedWith413() throws Exception {
        // a raw request that announces 200 KB and sends none of it: the server must refuse it on the
        // announced length alone (a client writing the body could otherwise race the early answer)
        try (Socket socket = new Socket("127.0.0.1", agent.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(("POST /query HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                                    + "Content-Length: 200000\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            assertThat(in.readLine()).startsWith("HTTP/1.1 413");
            int length = -1;
            String contentType = "";
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(
                            line.substring(line.indexOf(':') + 1).trim());
                } else if (lower.startsWith("content-type:")) {
                    contentType = lower;
                }
            }
            assertThat(contentType).contains("application/json");
            assertThat(length).isPositive();
            char[] body = new char[length];
            int read = 0;
            while (read < length) {
                int n = in.read(body, read, length - read);
                assertThat(n).as("the body announced by the 413").isPositive();
                read += n;
            }
            assertThat(json.readTree(new String(body)).get("status").asInt()).isEqualTo(413);
        }
    }

    @Test
    void textOverTheEnginesLimitIsRejectedWith413() throws Exception {
        JsonNode e = errorOf(send("POST", "/query", "{\"text\": \"" + "a".repeat(2_001) + "\"}"), 413);
        assertThat(e.get("error").asText()).contains("2000");
        assertThat(send("POST", "/query", "{\"text\": \"" + "a".repeat(2_000) + "\"}")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void unknownRouteIs404AndWrongMethodIs405() throws Exception {
        assertThat(errorOf(send("GET", "/nope", null), 404).get("error").asText())
                .contains("/nope");
        errorOf(send("DELETE", "/status", null, OPERATOR), 405);
        assertThat(errorOf(send("POST", "/approvals/apr-123456789012/approve", null, OPERATOR), 404)
                        .get("error")
                        .asText())
                .contains("no pending approval 'apr-123456789012'");
        errorOf(send("GET", "/query", null), 405);
    }

    @Test
    void errorsJettyAnswersItselfAreJsonToo() throws Exception {
        assertThat(errorOf(send("GET", "/status?x=" + "a".repeat(20_000), null), 414)
                        .get("status")
                        .asInt())
                .isEqualTo(414);
        HttpRequest big = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.port() + "/status"))
                .header("X-Big", "b".repeat(20_000))
                .GET()
                .build();
        assertThat(errorOf(http.send(big, HttpResponse.BodyHandlers.ofString()), 431)
                        .get("status")
                        .asInt())
                .isEqualTo(431);
        try (Socket socket = new Socket("127.0.0.1", agent.port())) {
            socket.getOutputStream()
                    .write("GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header Line\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer)
                    .startsWith("HTTP/1.1 400")
                    .contains("application/json")
                    .contains("\"status\":400");
        }
    }

    @Test
    void badQueryParametersGet400() throws Exception {
        errorOf(send("GET", "/logs?lines=abc", null), 400);
        errorOf(send("GET", "/logs?lines=0", null), 400);
        errorOf(send("GET", "/logs?level=LOUD", null), 400);
        errorOf(send("GET", "/audit?from=yesterday", null), 400);
        errorOf(send("GET", "/audit?from=%2B1000000000-01-01T00:00:00Z", null), 400);
        errorOf(send("GET", "/audit?to=-0500-01-01T00:00:00Z", null), 400);
        errorOf(send("GET", "/audit?kind=bogus", null), 400);
        errorOf(send("GET", "/audit?limit=999999", null), 400);
    }

    @Test
    void badRequestsLoseNothingAlreadyRecorded() throws Exception {
        long before = agent.ops().audit().verify().entries();
        var newest = agent.ops().audit().query(AuditQuery.latest(1)).get(0);
        for (int i = 0; i < 20; i++) {
            send("POST", "/query", "{broken");
            send("PUT", "/status", "x");
        }
        assertThat(agent.ops().audit().verify().intact()).isTrue();
        assertThat(agent.ops().audit().verify().entries()).isEqualTo(before);
        assertThat(agent.ops().audit().query(AuditQuery.latest(1)).get(0)).isEqualTo(newest);
    }

    @Test
    void indexDescribesTheApiAsJsonAndAsAPage() throws Exception {
        JsonNode index = json.readTree(send("GET", "/", null).body());
        assertThat(index.get("endpoints").findValuesAsText("path")).contains("/status", "/query", "/logs", "/metrics");
        HttpResponse<String> page = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.port() + "/"))
                        .header("Accept", "text/html")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("text/html"));
        assertThat(page.body()).contains("<form id=\"ask\"");
    }

    @Test
    void openApiDescribesEveryEndpointTheIndexLists() throws Exception {
        JsonNode spec = json.readTree(send("GET", "/openapi.json", null).body());
        assertThat(spec.get("openapi").asText()).startsWith("3.");
        JsonNode index = json.readTree(send("GET", "/", null).body());
        for (JsonNode e : index.get("endpoints")) {
            String path = e.get("path").asText();
            String method = e.get("method").asText().toLowerCase(Locale.ROOT);
            for (String m : method.split("/")) {
                assertThat(spec.get("paths").has(path)).as(path).isTrue();
                if (!path.equals("/silences")) {
                    assertThat(spec.get("paths").get(path).has(m))
                            .as(m + " " + path)
                            .isTrue();
                }
            }
        }
    }

    @Test
    void forecastAndSeriesGiveTheSeasonalForecastWithIntervalsAndTimeToThreshold() throws Exception {
        io.smartcloudops.api.metric.SeriesId disk = io.smartcloudops.api.metric.SeriesId.of("node_disk_used_percent");
        long t0 = 1_796_000_000_000L;
        for (int i = 0; i < 60; i++) {
            agent.ops()
                    .ingest(new io.smartcloudops.api.metric.Sample(disk, t0 + 5_000L * i, 80 + 24.0 * 5 * i / 86_400));
        }

        JsonNode forecast = json.readTree(send("GET", "/forecast?metric=node_disk_used_percent&horizon=P1D", null)
                .body());
        JsonNode f = forecast.get("forecasts").get(0);
        assertThat(f.get("max").asDouble()).isEqualTo(100.0);
        assertThat(f.get("crossing").get("withinHorizon").asBoolean()).isTrue();
        assertThat(f.get("points")).allSatisfy(p -> {
            assertThat(p).hasSize(6);
            assertThat(p.get(5).asDouble()).isLessThanOrEqualTo(100.0);
        });
        JsonNode series = json.readTree(send("GET", "/series?metric=node_disk_used_percent&horizon=PT2H", null)
                .body());
        assertThat(series.get("series").get(0).get("forecast").get("model").asText())
                .contains("Holt-Winters");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/forecast",
                "/forecast?metric=x&horizon=tomorrow",
                "/forecast?metric=x&horizon=-PT1H",
                "/forecast?metric=x&threshold=high",
                "/forecast?metric=x&threshold=NaN",
                "/series?metric=x&horizon=P90D"
            })
    void badForecastParametersGet400(String path) throws Exception {
        errorOf(send("GET", path, null), 400);
    }
}
